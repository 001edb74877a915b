//! The SQLite and PostgreSQL migrations must declare the same schema.
//!
//! Both dialects run the same queries (see the store's crate docs), so a column added in one folder
//! and forgotten in the other only shows when the other lane runs — or in production. The folders
//! may differ only where the dialects must: PostgreSQL spells SQLite's 64-bit `INTEGER` as
//! `BIGINT` (the `Any` driver decodes every integer as an `i64`) and its `BLOB` as `BYTEA`. This
//! test reads both folders with a small parser of the statements these files use, maps those two
//! types back, and compares tables, columns and indexes file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[test]
fn the_sqlite_and_postgresql_migrations_declare_the_same_schema() {
    let sqlite = migration_files("sqlite");
    let postgres = migration_files("postgres");
    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>(),
        "migrations/sqlite and migrations/postgres must hold the same file names"
    );
    assert!(!sqlite.is_empty(), "no migrations found");

    let mut differences = Vec::new();
    for (file, sqlite_sql) in &sqlite {
        let sqlite_schema = Schema::parse(file, sqlite_sql);
        let postgres_schema = Schema::parse(file, &postgres[file]);
        differences.extend(sqlite_schema.differences(&postgres_schema, file));
    }
    assert!(differences.is_empty(), "the dialects disagree:\n  {}", differences.join("\n  "));
}

#[test]
fn the_parser_reads_columns_constraints_and_indexes() {
    let schema = Schema::parse(
        "example.sql",
        "-- A comment; with a semicolon.\n\
         CREATE TABLE t (id TEXT PRIMARY KEY, n BIGINT NOT NULL DEFAULT 0, \
         kind TEXT CHECK (kind IN ('a', 'b')), PRIMARY KEY (id, n));\n\
         ALTER TABLE t ADD COLUMN content BYTEA NOT NULL;\n\
         CREATE UNIQUE INDEX t_one ON t (kind, n) WHERE kind IS NOT NULL;",
    );
    let table = &schema.tables["t"];
    let columns: Vec<_> = table.columns.iter().map(|c| (c.name.as_str(), c.kind.as_str())).collect();
    assert_eq!(columns, [("id", "TEXT"), ("n", "INTEGER"), ("kind", "TEXT"), ("content", "BLOB")]);
    assert_eq!(table.columns[1].constraints, "NOT NULL DEFAULT 0");
    assert_eq!(table.columns[2].constraints, "CHECK (kind IN ('a', 'b'))");
    assert_eq!(table.constraints, ["PRIMARY KEY (id, n)"]);
    let index = &schema.indexes["t_one"];
    assert_eq!(
        (index.table.as_str(), index.columns.as_slice(), index.unique, index.predicate.as_str()),
        ("t", ["kind".to_owned(), "n".to_owned()].as_slice(), true, "kind IS NOT NULL")
    );
}

/// The `.sql` files of one dialect's folder, by file name.
fn migration_files(dialect: &str) -> BTreeMap<String, String> {
    let folder: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "..", "migrations", dialect].iter().collect();
    let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    entries
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
        .map(|path| (file_name(&path), std::fs::read_to_string(&path).expect("a readable migration")))
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name().and_then(|name| name.to_str()).expect("a UTF-8 file name").to_owned()
}

/// What one migration file declares.
#[derive(Debug, Default)]
struct Schema {
    /// Created or altered tables, by name.
    tables: BTreeMap<String, Table>,
    indexes: BTreeMap<String, Index>,
    /// Any other statement, whitespace-normalized: compared as text.
    other: Vec<String>,
}

#[derive(Debug, Default, PartialEq)]
struct Table {
    /// In declaration order, columns added by `ALTER TABLE` last.
    columns: Vec<Column>,
    /// `PRIMARY KEY (…)`, `FOREIGN KEY …`, `CHECK (…)` and the like, as written.
    constraints: Vec<String>,
}

#[derive(Debug, PartialEq)]
struct Column {
    name: String,
    /// The type with the dialects' deliberate differences mapped to SQLite's spelling.
    kind: String,
    /// Everything after the type: `NOT NULL`, `DEFAULT …`, `REFERENCES …`, `CHECK (…)`.
    constraints: String,
}

#[derive(Debug, PartialEq)]
struct Index {
    table: String,
    columns: Vec<String>,
    unique: bool,
    /// The `WHERE` of a partial index, or empty.
    predicate: String,
}

impl Schema {
    fn parse(file: &str, sql: &str) -> Self {
        let mut schema = Schema::default();
        for statement in statements(sql) {
            // ASCII only, so that byte offsets in `upper` hold in `statement`.
            let upper = statement.to_ascii_uppercase();
            if upper.starts_with("CREATE TABLE ") {
                let after = &statement["CREATE TABLE ".len()..];
                let name_end = after.find([' ', '(']).unwrap_or(after.len());
                let body = parenthesized(&after[name_end..])
                    .unwrap_or_else(|| panic!("{file}: no column list in `{statement}`"));
                let table = schema.tables.entry(after[..name_end].to_owned()).or_default();
                for item in split_top_level(body) {
                    if is_table_constraint(&item) {
                        table.constraints.push(item);
                    } else {
                        table.columns.push(column(file, &item));
                    }
                }
            } else if upper.starts_with("ALTER TABLE ") && upper.contains(" ADD COLUMN ") {
                let at = upper.find(" ADD COLUMN ").expect("checked above");
                let name = statement["ALTER TABLE ".len()..at].trim().to_owned();
                let definition = &statement[at + " ADD COLUMN ".len()..];
                schema.tables.entry(name).or_default().columns.push(column(file, definition));
            } else if upper.starts_with("CREATE INDEX ") || upper.starts_with("CREATE UNIQUE INDEX ") {
                let (name, index) = index(file, &statement);
                schema.indexes.insert(name, index);
            } else {
                schema.other.push(normalize_types(&statement));
            }
        }
        schema
    }

    /// Every way `postgres` differs from `self` (the SQLite declaration), as readable lines.
    fn differences(&self, postgres: &Schema, file: &str) -> Vec<String> {
        let mut found = Vec::new();
        for name in union(self.tables.keys(), postgres.tables.keys()) {
            let (Some(sqlite), Some(pg)) = (self.tables.get(name), postgres.tables.get(name)) else {
                found.push(format!("{file}: table {name} is declared in one dialect only"));
                continue;
            };
            let sqlite_columns: Vec<&str> = sqlite.columns.iter().map(|c| c.name.as_str()).collect();
            let pg_columns: Vec<&str> = pg.columns.iter().map(|c| c.name.as_str()).collect();
            if sqlite_columns != pg_columns {
                found.push(format!(
                    "{file}: table {name} has columns {sqlite_columns:?} in sqlite but {pg_columns:?} in postgres"
                ));
            }
            for column in &sqlite.columns {
                let Some(other) = pg.columns.iter().find(|c| c.name == column.name) else { continue };
                if (&column.kind, &column.constraints) != (&other.kind, &other.constraints) {
                    found.push(format!(
                        "{file}: table {name}, column {}: sqlite declares `{} {}`, postgres `{} {}` \
                         (after mapping BIGINT to INTEGER and BYTEA to BLOB)",
                        column.name, column.kind, column.constraints, other.kind, other.constraints
                    ));
                }
            }
            if sqlite.constraints != pg.constraints {
                found.push(format!(
                    "{file}: table {name} has constraints {:?} in sqlite but {:?} in postgres",
                    sqlite.constraints, pg.constraints
                ));
            }
        }
        for name in union(self.indexes.keys(), postgres.indexes.keys()) {
            match (self.indexes.get(name), postgres.indexes.get(name)) {
                (Some(sqlite), Some(pg)) if sqlite == pg => {}
                (sqlite, pg) => {
                    found.push(format!("{file}: index {name} is {sqlite:?} in sqlite but {pg:?} in postgres"))
                }
            }
        }
        if self.other != postgres.other {
            found.push(format!(
                "{file}: other statements differ: {:?} in sqlite, {:?} in postgres",
                self.other, postgres.other
            ));
        }
        found
    }
}

/// The file's statements without comments, each on one line with single spaces.
fn statements(sql: &str) -> Vec<String> {
    let without_comments: String = sql
        .lines()
        .map(|line| line.split_once("--").map_or(line, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n");
    without_comments
        .split(';')
        .map(|statement| statement.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|statement| !statement.is_empty())
        .collect()
}

/// What lies inside the first parenthesis of `text` and its match.
fn parenthesized(text: &str) -> Option<&str> {
    let open = text.find('(')?;
    let mut depth = 0;
    for (at, character) in text.char_indices().skip(open) {
        match character {
            '(' => depth += 1,
            ')' if depth == 1 => return Some(&text[open + 1..at]),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `text` split at the commas outside parentheses and quotes, each part trimmed.
fn split_top_level(text: &str) -> Vec<String> {
    let (mut parts, mut current, mut depth, mut quoted) = (Vec::new(), String::new(), 0, false);
    for character in text.chars() {
        match character {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                parts.push(current.trim().to_owned());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(character);
    }
    parts.push(current.trim().to_owned());
    parts.retain(|part| !part.is_empty());
    parts
}

fn is_table_constraint(item: &str) -> bool {
    let upper = item.to_ascii_uppercase();
    ["PRIMARY KEY", "FOREIGN KEY", "UNIQUE", "CHECK", "CONSTRAINT"].iter().any(|word| upper.starts_with(word))
}

/// A column definition: its name, its type and the rest.
fn column(file: &str, definition: &str) -> Column {
    let mut words = definition.splitn(3, ' ');
    let (Some(name), Some(kind)) = (words.next(), words.next()) else {
        panic!("{file}: a column without a type in `{definition}`");
    };
    Column {
        name: name.to_owned(),
        kind: normalize_types(kind),
        constraints: words.next().unwrap_or("").to_owned(),
    }
}

/// `CREATE [UNIQUE] INDEX name ON table (columns) [WHERE predicate]`.
fn index(file: &str, statement: &str) -> (String, Index) {
    let unique = statement.to_ascii_uppercase().starts_with("CREATE UNIQUE INDEX ");
    let rest = statement.splitn(if unique { 4 } else { 3 }, ' ').last().unwrap_or("");
    let Some((name, on)) = rest.split_once(" ON ") else {
        panic!("{file}: an index without ON: `{statement}`")
    };
    let table = on.split([' ', '(']).next().unwrap_or("").to_owned();
    let columns = parenthesized(on).unwrap_or_else(|| panic!("{file}: index {name} lists no columns"));
    let predicate = on.split_once(" WHERE ").map_or("", |(_, predicate)| predicate);
    let index = Index { table, columns: split_top_level(columns), unique, predicate: predicate.to_owned() };
    (name.trim().to_owned(), index)
}

/// SQLite's spelling of the types PostgreSQL spells differently, on purpose.
fn normalize_types(text: &str) -> String {
    text.split(' ')
        .map(|word| match word.to_ascii_uppercase().as_str() {
            "BIGINT" => "INTEGER",
            "BYTEA" => "BLOB",
            _ => word,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn union<'a>(a: impl Iterator<Item = &'a String>, b: impl Iterator<Item = &'a String>) -> Vec<&'a String> {
    let mut names: Vec<&String> = a.chain(b).collect();
    names.sort();
    names.dedup();
    names
}
