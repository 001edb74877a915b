//! The code's shape, checked: no module depends on itself through others.
//!
//! A circle of `use`s (a → b → c → a) means none of its modules can be read, changed or moved on
//! its own; the layering the architecture describes (pages → api → service → store, with the
//! page data in `model` and the rules in `assessments`) leaves none. This reads every crate's
//! sources, resolves each `crate::…`, `super::…` and child-module path to the file that defines
//! it (following re-exports such as `pages.rs`'s `pub use`), and fails on any circle, naming it.
//!
//! A circle that stays inside one module and its own submodules (a parent re-exporting its
//! children while they name its types) is nesting, not layering, and is not counted; one that
//! leaves that subtree is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates checked, by their source folders under the workspace root.
const CRATES: [&str; 4] = ["app/src", "server/src", "server/store/src", "assessments/src"];

type Module = Vec<String>;

#[test]
fn no_module_depends_on_itself_through_others() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root");
    let mut circles = Vec::new();
    for source in CRATES {
        let graph = ModuleGraph::read(&root.join(source));
        circles.extend(graph.circles().into_iter().map(|circle| format!("{source}: {}", circle.join(" → "))));
    }
    assert!(circles.is_empty(), "module circles:\n{}", circles.join("\n"));
}

#[test]
fn a_circle_is_found() {
    let graph = ModuleGraph::from_sources([
        (module("a"), "use crate::b::Thing;".to_owned()),
        (module("b"), "pub use inner::Thing; mod inner;".to_owned()),
        (module("b::inner"), "use crate::{c::{self, More}};".to_owned()),
        (module("c"), "fn f() { crate::a::g(); }".to_owned()),
        (module("d"), "use super::a;".to_owned()),
    ]);
    assert_eq!(graph.circles(), vec![vec!["a", "b::inner", "c", "a"]]);
}

#[test]
fn a_circle_through_a_parent_is_found() {
    let graph = ModuleGraph::from_sources([
        (module("forms"), "use crate::i18n::answering::Words;".to_owned()),
        (module("i18n"), "mod answering; use crate::forms::Problem;".to_owned()),
        (module("i18n::answering"), "use super::Texts;".to_owned()),
    ]);
    assert_eq!(graph.circles(), vec![vec!["forms", "i18n::answering", "i18n", "forms"]]);
}

#[test]
fn nesting_is_not_a_circle() {
    let graph = ModuleGraph::from_sources([
        (module("i18n"), "mod answering; pub use answering::AnsweringTexts;".to_owned()),
        (module("i18n::answering"), "use super::Texts; use crate::i18n::texts;".to_owned()),
    ]);
    assert!(graph.circles().is_empty());
}

fn module(path: &str) -> Module {
    path.split("::").map(str::to_owned).collect()
}

struct ModuleGraph {
    edges: BTreeMap<Module, BTreeSet<Module>>,
}

impl ModuleGraph {
    fn read(source: &Path) -> Self {
        let mut files = Vec::new();
        collect_rust_files(source, &mut files);
        Self::from_sources(files.into_iter().map(|file| {
            let relative = file.strip_prefix(source).expect("under the source folder");
            let text = std::fs::read_to_string(&file).expect("a readable source file");
            (module_of(relative), text)
        }))
    }

    fn from_sources(sources: impl IntoIterator<Item = (Module, String)>) -> Self {
        let sources: BTreeMap<Module, String> =
            sources.into_iter().map(|(module, text)| (module, strip_comments(&text))).collect();
        let modules: BTreeSet<Module> = sources.keys().cloned().collect();
        let reexports: BTreeMap<Module, BTreeMap<String, Module>> = sources
            .iter()
            .map(|(module, text)| (module.clone(), reexports_of(module, text, &modules)))
            .collect();
        let mut edges = BTreeMap::new();
        for (module, text) in &sources {
            let targets: BTreeSet<Module> = paths_in(module, text)
                .into_iter()
                .filter_map(|path| resolve(&path, &modules, &reexports))
                .filter(|target| target != module)
                .collect();
            edges.insert(module.clone(), targets);
        }
        ModuleGraph { edges }
    }

    /// Each circle once, as the modules along it, starting and ending at its smallest module.
    fn circles(&self) -> Vec<Vec<String>> {
        let mut found = BTreeSet::new();
        for start in self.edges.keys() {
            let mut path = vec![start.clone()];
            self.walk(start, &mut path, &mut found);
        }
        found
            .into_iter()
            .filter(|circle| !circle.iter().any(|root| circle.iter().all(|module| module.starts_with(root))))
            .map(|circle| circle.iter().map(|m| m.join("::")).collect())
            .collect()
    }

    /// Depth-first from `path`'s last module, only through modules greater than its first, so
    /// each circle is found from its smallest module alone.
    fn walk(&self, start: &Module, path: &mut Vec<Module>, found: &mut BTreeSet<Vec<Module>>) {
        let here = path.last().expect("a path starts somewhere").clone();
        for next in self.edges.get(&here).into_iter().flatten() {
            if next == start {
                let mut circle = path.clone();
                circle.push(start.clone());
                found.insert(circle);
            } else if next > start && !path.contains(next) {
                path.push(next.clone());
                self.walk(start, path, found);
                path.pop();
            }
        }
    }
}

fn collect_rust_files(folder: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).expect("a readable folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            collect_rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// `lib.rs`, `main.rs` → the crate root; `a/b.rs` and `a/b/mod.rs` → `a::b`.
fn module_of(relative: &Path) -> Module {
    let mut parts: Module =
        relative.with_extension("").iter().map(|part| part.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod")) || parts == ["lib"] || parts == ["main"] {
        parts.pop();
    }
    parts
}

/// The text without `//` comments (doc comments name modules without depending on them).
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|line| line.split_once("//").map_or(line, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module path the text names: `crate::…`, `super::…` (resolved against `module`), and
/// `use child::…` of its own child modules, with `{…}` groups expanded.
fn paths_in(module: &Module, text: &str) -> Vec<Module> {
    let mut paths = Vec::new();
    for (index, _) in text.match_indices("crate::") {
        let before = text[..index].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        expand(&text[index + "crate::".len()..], Vec::new(), &mut paths);
    }
    for (index, _) in text.match_indices("super::") {
        let before = text[..index].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut base = module.clone();
        let mut rest = &text[index..];
        while let Some(after) = rest.strip_prefix("super::") {
            base.pop();
            rest = after;
        }
        expand(rest, base, &mut paths);
    }
    for (index, _) in text.match_indices("use ") {
        let before = text[..index].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &text[index + "use ".len()..];
        if !rest.starts_with("crate::") && !rest.starts_with("super::") && !rest.starts_with("std") {
            expand(rest, module.clone(), &mut paths);
        }
    }
    paths
}

/// Reads the path at the start of `text` (after `prefix`), expanding one `{…}` group level by
/// level, and pushes each full path.
fn expand(text: &str, prefix: Module, paths: &mut Vec<Module>) {
    let mut segments = prefix;
    let mut rest = text;
    loop {
        let length = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if length == 0 {
            if let Some(group) = rest.strip_prefix('{') {
                let end = matching_brace(group);
                for item in split_top_level(&group[..end]) {
                    let item = item.trim();
                    if item == "self" {
                        paths.push(segments.clone());
                    } else if !item.is_empty() {
                        expand(item, segments.clone(), paths);
                    }
                }
            }
            break;
        }
        segments.push(rest[..length].to_owned());
        rest = &rest[length..];
        match rest.strip_prefix("::") {
            Some(after) => rest = after,
            None => break,
        }
    }
    if !segments.is_empty() {
        paths.push(segments);
    }
}

fn matching_brace(text: &str) -> usize {
    let mut depth = 1;
    for (index, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return index;
                }
            }
            _ => {}
        }
    }
    text.len()
}

fn split_top_level(text: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (index, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    items.push(&text[start..]);
    items
}

/// The names a module re-exports from its children (`pub use child::{A, B}`), and the child
/// that defines each.
fn reexports_of(module: &Module, text: &str, modules: &BTreeSet<Module>) -> BTreeMap<String, Module> {
    let mut names = BTreeMap::new();
    for (index, _) in text.match_indices("pub use ") {
        let mut paths = Vec::new();
        expand(&text[index + "pub use ".len()..], module.clone(), &mut paths);
        for path in paths {
            let Some((name, from)) = path.split_last() else { continue };
            if modules.contains(from) && from.len() > module.len() {
                names.insert(name.clone(), from.to_vec());
            }
        }
    }
    names
}

/// The file-module a path lands in: its longest known prefix, followed through re-exports.
fn resolve(
    path: &Module,
    modules: &BTreeSet<Module>,
    reexports: &BTreeMap<Module, BTreeMap<String, Module>>,
) -> Option<Module> {
    let mut length = path.len();
    while length > 0 && !modules.contains(&path[..length]) {
        length -= 1;
    }
    if length == 0 {
        return None;
    }
    let mut target = path[..length].to_vec();
    let mut rest = &path[length..];
    while let Some(next) = rest.first().and_then(|name| reexports.get(&target)?.get(name)) {
        target = next.clone();
        rest = &rest[1..];
    }
    Some(target)
}
