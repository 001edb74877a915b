//! The PDFs' typeface, DejaVu Sans (regular and bold), and how wide a text is in it: the layout
//! measures lines with it, the renderer embeds it.

use std::sync::OnceLock;

use printpdf::ParsedFont;

/// Millimetres per typographic point.
pub const MM_PER_PT: f32 = 0.352_778;

/// DejaVu Sans, freely licensed (see `server/fonts/LICENSE-DejaVu.txt`): it has every letter
/// Spanish needs, and the indigenous languages' to come.
static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// The two faces, parsed once per process.
pub fn fonts() -> &'static (ParsedFont, ParsedFont) {
    static FONTS: OnceLock<(ParsedFont, ParsedFont)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut warnings = Vec::new();
        let mut parse = |bytes: &[u8]| {
            ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("the bundled DejaVu fonts parse")
        };
        (parse(REGULAR), parse(BOLD))
    })
}

/// How wide `text` is, in millimetres, at `size` points in the regular or bold face: the sum of
/// its letters' advances (a letter the face lacks counts as a whole em).
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let (regular, bold_face) = fonts();
    let face = if bold { bold_face } else { regular };
    let per_em = f32::from(face.pdf_font_metrics.units_per_em.max(1));
    let units: f32 = text
        .chars()
        .map(|c| {
            face.lookup_glyph_index(u32::from(c))
                .map_or(per_em, |glyph| f32::from(face.get_horizontal_advance(glyph)))
        })
        .sum();
    units / per_em * size * MM_PER_PT
}
