//! Draws laid-out pages with printpdf, in DejaVu Sans (regular and bold), embedded and subset.

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rect, TextItem,
};

use super::fonts::fonts;
use super::layout::{Item, PAGE_HEIGHT, PAGE_WIDTH, Page, Rgb};

pub fn render(title: &str, pages: &[Page]) -> Vec<u8> {
    let mut document = PdfDocument::new(title);
    let (regular, bold) = fonts();
    let regular = document.add_font(regular);
    let bold = document.add_font(bold);
    let pages = pages
        .iter()
        .map(|page| PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops_of(page, &regular, &bold)))
        .collect();
    // Built unsaved, to compress it at our level rather than printpdf's (see `compress`).
    let saving = PdfSaveOptions { optimize: false, ..PdfSaveOptions::default() };
    let mut pdf = document.with_pages(pages).to_lopdf_document(&saving, &mut Vec::new());
    compress(&mut pdf);
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).expect("writing a PDF to memory cannot fail");
    bytes
}

/// Compresses every stream that may be and is not yet, as printpdf's save does (through
/// lopdf), but at zlib's default level instead of its best: the best level took a quarter of
/// the server's time on a 300-action plan's PDF for a file a few percent smaller
/// (docs/BENCHMARKS.md).
fn compress(pdf: &mut lopdf::Document) {
    use std::io::Write;
    for object in pdf.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else { continue };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let Ok(compressed) = encoder.write_all(&stream.content).and_then(|()| encoder.finish()) else {
            continue;
        };
        // As lopdf does: a stream that would not shrink is left as it is.
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// A point `x` millimetres from the left and `y` from the top (PDF counts from the bottom).
fn at(x: f32, y: f32) -> Point {
    Point::new(Mm(x), Mm(PAGE_HEIGHT - y))
}

fn color(Rgb(r, g, b): Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(r, g, b, None))
}

fn ops_of(page: &Page, regular: &FontId, bold: &FontId) -> Vec<Op> {
    let mut ops = Vec::new();
    for item in &page.items {
        match item {
            Item::Text { x, y, size, bold: is_bold, color: ink, text } => {
                // One text section per placed run: the cursor is then absolute.
                let font = if *is_bold { bold } else { regular };
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFillColor { col: color(*ink) },
                    Op::SetTextCursor { pos: at(*x, *y) },
                    Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(*size) },
                    Op::ShowText { items: vec![TextItem::Text(text.clone())] },
                    Op::EndTextSection,
                ]);
            }
            Item::Rect { x, y, width, height, color: fill } => {
                let corner = at(*x, y + height);
                ops.push(Op::SetFillColor { col: color(*fill) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: corner.x,
                        y: corner.y,
                        width: Mm(*width).into(),
                        height: Mm(*height).into(),
                        mode: Some(printpdf::PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Item::Line { x1, y1, x2, y2, color: stroke } => {
                ops.push(Op::SetOutlineColor { col: color(*stroke) });
                ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint { p: at(*x1, *y1), bezier: false },
                            LinePoint { p: at(*x2, *y2), bezier: false },
                        ],
                        is_closed: false,
                    },
                });
            }
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::{INK, Layout};

    /// Rendering writes compressed streams that still read back: without `compress` a plan's PDF
    /// would be several times its size on a weak connection.
    #[test]
    fn every_stream_that_may_be_compressed_is_and_the_text_reads_back() {
        let mut layout = Layout::new();
        for n in 0..200 {
            layout.paragraph(
                &format!("Acción {n}: revisar la nómina contra el salario mínimo"),
                10.0,
                false,
                INK,
            );
        }
        let bytes = render("Plan", &layout.pages);
        let pdf = lopdf::Document::load_mem(&bytes).expect("the PDF reads back");
        let streams: Vec<_> = pdf
            .objects
            .values()
            .filter_map(|object| object.as_stream().ok())
            .filter(|stream| stream.allows_compression)
            .collect();
        assert!(!streams.is_empty());
        for stream in streams {
            assert!(stream.dict.get(b"Filter").is_ok(), "an uncompressed stream: {:?}", stream.dict);
        }
        let text = pdf.extract_text(&[1]).expect("the first page's text");
        assert!(text.contains("Acción 0"), "{text}");
    }
}
