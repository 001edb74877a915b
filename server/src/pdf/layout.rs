//! Page layout: text wrapping, page breaks and a table that flows across pages with its header
//! repeated. Measured in millimetres from the top-left corner of an A4 page, text by the real
//! advances of the font it is drawn in ([`super::fonts::text_width`]); [`super::render`] turns
//! the pages into PDF operations.

use super::fonts::{MM_PER_PT, text_width};

/// An A4 page.
pub const PAGE_WIDTH: f32 = 210.0;
pub const PAGE_HEIGHT: f32 = 297.0;
pub const MARGIN: f32 = 18.0;
/// Room kept at the foot of each page for the footer.
pub const FOOTER_ROOM: f32 = 16.0;
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

/// A colour, as RGB from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

pub const INK: Rgb = Rgb(0.11, 0.15, 0.13);
pub const SOFT_INK: Rgb = Rgb(0.29, 0.34, 0.31);
pub const FIELD: Rgb = Rgb(0.18, 0.42, 0.23);
pub const AMBER: Rgb = Rgb(0.79, 0.54, 0.11);
pub const RED: Rgb = Rgb(0.64, 0.15, 0.17);
pub const TRACK: Rgb = Rgb(0.91, 0.90, 0.85);
pub const HEADER_FILL: Rgb = Rgb(0.93, 0.96, 0.93);

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Rgb,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

/// The height of a line of text of `size` points, in millimetres.
pub fn line_height(size: f32) -> f32 {
    size * MM_PER_PT * 1.35
}

/// `text` broken into lines no wider than `width` millimetres at `size` points in the regular or
/// bold face: at spaces where it can, inside a word that is wider than a line on its own. Each
/// letter is measured once, so a long text costs its length, not its square.
pub fn wrap(text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
    let advance = |letter: char| text_width(letter.encode_utf8(&mut [0; 4]), size, bold);
    let space = advance(' ');
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let (mut line, mut line_width) = (String::new(), 0.0);
        for word in paragraph.split_whitespace() {
            let letters: Vec<(char, f32)> = word.chars().map(|letter| (letter, advance(letter))).collect();
            let word_width: f32 = letters.iter().map(|(_, w)| w).sum();
            if word_width > width {
                // Wider than a line on its own: cut where it stops fitting, a letter at least.
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let (mut piece, mut piece_width) = (String::new(), 0.0);
                for (letter, letter_width) in letters {
                    if piece_width + letter_width > width && !piece.is_empty() {
                        lines.push(std::mem::take(&mut piece));
                        piece_width = 0.0;
                    }
                    piece.push(letter);
                    piece_width += letter_width;
                }
                (line, line_width) = (piece, piece_width);
            } else if line.is_empty() {
                (line, line_width) = (word.to_owned(), word_width);
            } else if line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
                line_width = word_width;
            }
        }
        lines.push(line);
    }
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A column of a table: its title and width in millimetres.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width: f32,
}

/// Pages being filled from top to bottom.
#[derive(Debug)]
pub struct Layout {
    pub pages: Vec<Page>,
    /// Where the next item goes on the current page.
    pub y: f32,
}

impl Default for Layout {
    fn default() -> Self {
        Self::new()
    }
}

impl Layout {
    pub fn new() -> Self {
        Self { pages: vec![Page::default()], y: MARGIN }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a layout always has a page")
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more millimetres fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > PAGE_HEIGHT - MARGIN - FOOTER_ROOM {
            self.new_page();
        }
    }

    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    /// A wrapped paragraph across the content width.
    pub fn paragraph(&mut self, text: &str, size: f32, bold: bool, color: Rgb) {
        self.paragraph_at(MARGIN, CONTENT_WIDTH, text, size, bold, color);
    }

    pub fn paragraph_at(&mut self, x: f32, width: f32, text: &str, size: f32, bold: bool, color: Rgb) {
        for line in wrap(text, width, size, bold) {
            self.ensure(line_height(size));
            self.y += line_height(size);
            let y = self.y - line_height(size) * 0.25;
            self.page().items.push(Item::Text { x, y, size, bold, color, text: line });
        }
    }

    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb) {
        self.page().items.push(Item::Rect { x, y, width, height, color });
    }

    pub fn rule(&mut self, color: Rgb) {
        let y = self.y;
        self.page().items.push(Item::Line { x1: MARGIN, y1: y, x2: PAGE_WIDTH - MARGIN, y2: y, color });
    }

    /// Boxes to tick, each followed by its label, as many to a line as fit; a label longer than
    /// a line wraps beside its box.
    pub fn boxes(&mut self, labels: &[String], size: f32) {
        let line = line_height(size);
        let side = size * MM_PER_PT * 0.9;
        let (gap, after_box) = (6.0, 1.5);
        let mut x = MARGIN;
        self.ensure(line + 1.0);
        self.y += line + 1.0;
        for label in labels {
            let lines = wrap(label, CONTENT_WIDTH - side - after_box, size, false);
            let widest = lines.iter().map(|l| text_width(l, size, false)).fold(0.0, f32::max);
            let width = side + after_box + widest;
            if x > MARGIN && (x + width > PAGE_WIDTH - MARGIN || lines.len() > 1) {
                x = MARGIN;
                self.ensure(line + 1.0);
                self.y += line + 1.0;
            }
            let bottom = self.y - line * 0.25;
            self.square(x, bottom - side, side);
            for (index, text) in lines.iter().enumerate() {
                if index > 0 {
                    self.ensure(line);
                    self.y += line;
                }
                let y = self.y - line * 0.25;
                let item = Item::Text {
                    x: x + side + after_box,
                    y,
                    size,
                    bold: false,
                    color: INK,
                    text: text.clone(),
                };
                self.page().items.push(item);
            }
            x += width + gap;
        }
    }

    /// A label followed by `lines` ruled lines to write on.
    pub fn write_in(&mut self, label: &str, size: f32, lines: usize) {
        let line = line_height(size) * 1.6;
        let label_width = text_width(label, size, false) + 2.0;
        for index in 0..lines.max(1) {
            self.ensure(line);
            self.y += line;
            let bottom = self.y - line_height(size) * 0.25;
            let start = if index == 0 {
                self.page().items.push(Item::Text {
                    x: MARGIN,
                    y: bottom,
                    size,
                    bold: false,
                    color: SOFT_INK,
                    text: label.to_owned(),
                });
                MARGIN + label_width
            } else {
                MARGIN
            };
            let rule = Item::Line {
                x1: start,
                y1: bottom + 0.8,
                x2: PAGE_WIDTH - MARGIN,
                y2: bottom + 0.8,
                color: SOFT_INK,
            };
            self.page().items.push(rule);
        }
    }

    fn square(&mut self, x: f32, y: f32, side: f32) {
        let corners = [(x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)];
        for pair in corners.windows(2) {
            let line = Item::Line { x1: pair[0].0, y1: pair[0].1, x2: pair[1].0, y2: pair[1].1, color: INK };
            self.page().items.push(line);
        }
    }

    /// A table whose rows flow across pages, the header row repeated at the top of each.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>], size: f32) {
        let line = line_height(size);
        let padding = 1.6;
        let header: Vec<Vec<String>> =
            columns.iter().map(|c| wrap(&c.title, c.width - padding, size, true)).collect();
        let header_height = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * line + padding;
        self.ensure(header_height + line * 2.0);
        self.table_header(columns, &header, header_height, size);
        for row in rows {
            let cells: Vec<Vec<String>> = columns
                .iter()
                .zip(row)
                .map(|(column, cell)| wrap(cell, column.width - padding, size, false))
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * line + padding;
            if self.y + height > PAGE_HEIGHT - MARGIN - FOOTER_ROOM {
                self.new_page();
                self.table_header(columns, &header, header_height, size);
            }
            self.cells(columns, &cells, size, false);
            self.y += height;
            self.rule(TRACK);
        }
    }

    fn table_header(&mut self, columns: &[Column], header: &[Vec<String>], height: f32, size: f32) {
        let y = self.y;
        self.rect(MARGIN, y, CONTENT_WIDTH, height, HEADER_FILL);
        self.cells(columns, header, size, true);
        self.y += height;
    }

    fn cells(&mut self, columns: &[Column], cells: &[Vec<String>], size: f32, bold: bool) {
        let line = line_height(size);
        let mut x = MARGIN;
        let top = self.y;
        for (column, lines) in columns.iter().zip(cells) {
            for (i, text) in lines.iter().enumerate() {
                let y = top + 0.8 + line * (i as f32 + 1.0) - line * 0.25;
                self.page().items.push(Item::Text {
                    x: x + 0.8,
                    y,
                    size,
                    bold,
                    color: INK,
                    text: text.clone(),
                });
            }
            x += column.width;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::fonts::fonts;
    use super::*;

    /// A line's width measured apart from the layout: DejaVu's own advance for each letter, from
    /// the parsed font's metrics table.
    fn measured(line: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &fonts().1 } else { &fonts().0 };
        let per_em = f32::from(face.pdf_font_metrics.units_per_em);
        let units: u32 =
            line.chars()
                .map(|c| {
                    u32::from(face.get_horizontal_advance(
                        face.lookup_glyph_index(u32::from(c)).expect("DejaVu has it"),
                    ))
                })
                .sum();
        units as f32 / per_em * size * MM_PER_PT
    }

    #[test]
    fn text_wraps_at_spaces_and_long_words_are_cut() {
        let lines = wrap(
            "Revise la nómina contra el salario mínimo vigente y pague las diferencias",
            40.0,
            10.0,
            false,
        );
        assert!(lines.len() > 1);
        assert_eq!(
            lines.join(" "),
            "Revise la nómina contra el salario mínimo vigente y pague las diferencias"
        );
        let cut = wrap(&"x".repeat(100), 20.0, 10.0, false);
        assert!(cut.len() > 2 && cut.iter().all(|l| measured(l, 10.0, false) <= 20.01), "{cut:?}");
        assert_eq!(cut.concat(), "x".repeat(100));
        assert_eq!(wrap("", 40.0, 10.0, false), [""]);
        // A very long word costs its length: cut into lines that each fit, nothing lost.
        let long = "a".repeat(200_000);
        let cut = wrap(&long, 30.0, 9.0, false);
        assert_eq!(cut.concat(), long);
        assert!(cut.iter().all(|l| measured(l, 9.0, false) <= 30.01));
        // Capitals are wider than the average letter: a line of them still fits.
        let capitals = wrap("IMSS INFONAVIT CFDI REPSE NOM-035-STPS-2018 WWW MMM", 40.0, 10.0, true);
        assert!(capitals.iter().all(|l| measured(l, 10.0, true) <= 40.01), "{capitals:?}");
    }

    #[test]
    fn a_long_table_flows_onto_new_pages_with_its_header_repeated() {
        let mut layout = Layout::new();
        let columns = vec![
            Column { title: "Acción".into(), width: 100.0 },
            Column { title: "Estado".into(), width: 74.0 },
        ];
        let rows: Vec<Vec<String>> =
            (0..300).map(|i| vec![format!("Acción número {i}"), "Pendiente".into()]).collect();
        layout.table(&columns, &rows, 9.0);
        assert!(layout.pages.len() > 3, "{} pages", layout.pages.len());
        for page in &layout.pages {
            let headers = page
                .items
                .iter()
                .filter(|item| matches!(item, Item::Text { bold: true, text, .. } if text == "Acción"))
                .count();
            assert_eq!(headers, 1, "every page starts with the header");
            for item in &page.items {
                if let Item::Text { y, .. } = item {
                    assert!(
                        *y < PAGE_HEIGHT - MARGIN - FOOTER_ROOM + 1.0,
                        "text at {y} runs into the footer"
                    );
                }
            }
        }
        let shown: usize = layout
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter(|item| matches!(item, Item::Text { text, .. } if text.starts_with("Acción número")))
            .count();
        assert_eq!(shown, 300, "every row is printed once");
    }

    proptest! {
        #[test]
        fn wrapping_keeps_every_word_and_every_line_fits(
            words in prop::collection::vec("[a-zA-ZñÑáéíóúWM0-9.,-]{1,30}", 0..40),
            width in 20.0f32..170.0,
            bold in any::<bool>(),
        ) {
            let text = words.join(" ");
            let lines = wrap(&text, width, 10.0, bold);
            for line in &lines {
                // A hundredth of a millimetre for rounding: the layout adds letters one by one.
                prop_assert!(measured(line, 10.0, bold) <= width + 0.01, "{:?} is {} mm wide, more than {}", line, measured(line, 10.0, bold), width);
            }
            let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
            let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(joined, original);
        }
    }

    #[test]
    fn boxes_keep_every_label_inside_the_page_wrapping_a_long_one_beside_its_box() {
        let mut layout = Layout::new();
        let long =
            "Sí, con un contrato colectivo de trabajo firmado y depositado ante la autoridad, y también \
                    un reglamento interior [es]"
                .to_owned();
        layout.boxes(&["Sí".to_owned(), "No".to_owned(), long], 9.5);
        let texts: Vec<(f32, f32, String)> = layout.pages[0]
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
                _ => None,
            })
            .collect();
        for (x, _, text) in &texts {
            assert!(x + measured(text, 9.5, false) <= PAGE_WIDTH - MARGIN + 0.01, "{text} runs off the page");
        }
        assert!(texts.len() >= 4, "the long label wraps: {texts:?}");
        assert!(texts[0].1 == texts[1].1 && texts[2].1 > texts[1].1, "short ones share a line: {texts:?}");
    }
}
