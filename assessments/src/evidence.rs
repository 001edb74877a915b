//! Evidence files: which files a company may attach to an answer, told by their content rather
//! than by the name or type the browser claims, and under what name they are kept.

use serde::{Deserialize, Serialize};

/// The largest file accepted: a scanned multi-page PDF or a phone photo fits, a video does not.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// How many files one answer may carry.
pub const MAX_FILES_PER_ANSWER: usize = 10;

/// The kinds of file accepted as evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    Webp,
    /// Word, Excel or PowerPoint since 2007, and OpenDocument: ZIP containers.
    OfficeDocument,
    /// Word, Excel or PowerPoint 97–2003: OLE containers.
    LegacyOfficeDocument,
}

impl FileKind {
    /// The media type the file is served with.
    pub const fn media_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Webp => "image/webp",
            // Served as a download whatever it is: the exact Office type does not matter.
            FileKind::OfficeDocument | FileKind::LegacyOfficeDocument => "application/octet-stream",
        }
    }

    /// Tells the kind of a file by its first bytes and its name's extension, which must agree:
    /// a ZIP must be named as an Office document, so an archive of anything is refused.
    pub fn of(content: &[u8], file_name: &str) -> Result<FileKind, EvidenceProblem> {
        let extension = file_name.rsplit_once('.').map(|(_, ext)| ext.to_lowercase()).unwrap_or_default();
        let kind = if content.starts_with(b"%PDF-") {
            FileKind::Pdf
        } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
            FileKind::Jpeg
        } else if content.starts_with(b"\x89PNG\r\n\x1a\n") {
            FileKind::Png
        } else if content.len() >= 12 && &content[0..4] == b"RIFF" && &content[8..12] == b"WEBP" {
            FileKind::Webp
        } else if content.starts_with(b"PK\x03\x04")
            && matches!(extension.as_str(), "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp")
        {
            FileKind::OfficeDocument
        } else if content.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
            && matches!(extension.as_str(), "doc" | "xls" | "ppt")
        {
            FileKind::LegacyOfficeDocument
        } else {
            return Err(EvidenceProblem::KindNotAccepted);
        };
        Ok(kind)
    }
}

/// Why a file was not attached. Each has a message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceProblem {
    #[error("not a PDF, an image or an office document")]
    KindNotAccepted,
    #[error("larger than {MAX_FILE_BYTES} bytes")]
    TooLarge,
    #[error("the answer has {MAX_FILES_PER_ANSWER} files already")]
    TooMany,
    #[error("empty")]
    Empty,
}

impl EvidenceProblem {
    pub const ALL: [EvidenceProblem; 4] = [
        EvidenceProblem::KindNotAccepted,
        EvidenceProblem::TooLarge,
        EvidenceProblem::TooMany,
        EvidenceProblem::Empty,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            EvidenceProblem::KindNotAccepted => "kind",
            EvidenceProblem::TooLarge => "too_large",
            EvidenceProblem::TooMany => "too_many",
            EvidenceProblem::Empty => "empty",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|problem| problem.code() == code)
    }
}

/// Checks a file offered as evidence; `already` is how many files the answer has.
pub fn check(content: &[u8], file_name: &str, already: usize) -> Result<FileKind, EvidenceProblem> {
    if content.is_empty() {
        return Err(EvidenceProblem::Empty);
    }
    if content.len() > MAX_FILE_BYTES {
        return Err(EvidenceProblem::TooLarge);
    }
    if already >= MAX_FILES_PER_ANSWER {
        return Err(EvidenceProblem::TooMany);
    }
    FileKind::of(content, file_name)
}

/// The name a file is kept and offered under: the browser's name without any folder, with
/// letters (accents too), digits, spaces and `._-()` only, at most 100 characters, never empty.
pub fn safe_file_name(offered: &str) -> String {
    let base = offered.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, ' ' | '.' | '_' | '-' | '(' | ')') { c } else { '_' })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let name: String = if trimmed.chars().count() > 100 {
        // Keep the extension: it is how the reader's computer opens the file.
        let extension: String =
            trimmed.rsplit_once('.').map(|(_, e)| e.chars().take(8).collect()).unwrap_or_default();
        let stem: String = trimmed.chars().take(100 - extension.len() - 1).collect();
        if extension.is_empty() { trimmed.chars().take(100).collect() } else { format!("{stem}.{extension}") }
    } else {
        trimmed.to_owned()
    };
    if name.is_empty() { "evidencia".to_owned() } else { name }
}

/// An attached file as pages list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFile {
    pub id: crate::ids::EvidenceId,
    pub question_id: String,
    pub file_name: String,
    pub kind: FileKind,
    pub size_bytes: u64,
    pub uploaded_by: String,
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn files_are_told_by_their_content_and_a_zip_must_be_an_office_document() {
        assert_eq!(FileKind::of(b"%PDF-1.7\n...", "recibo.pdf"), Ok(FileKind::Pdf));
        assert_eq!(FileKind::of(b"%PDF-1.7\n...", "recibo.exe"), Ok(FileKind::Pdf), "served as a PDF anyway");
        assert_eq!(FileKind::of(&[0xFF, 0xD8, 0xFF, 0xE0], "foto.jpg"), Ok(FileKind::Jpeg));
        assert_eq!(FileKind::of(b"\x89PNG\r\n\x1a\n....", "captura.png"), Ok(FileKind::Png));
        assert_eq!(FileKind::of(b"RIFF\0\0\0\0WEBPVP8 ", "foto.webp"), Ok(FileKind::Webp));
        assert_eq!(FileKind::of(b"PK\x03\x04....", "Nómina.XLSX"), Ok(FileKind::OfficeDocument));
        assert_eq!(FileKind::of(b"PK\x03\x04....", "programa.zip"), Err(EvidenceProblem::KindNotAccepted));
        assert_eq!(FileKind::of(b"<html><script>", "recibo.pdf"), Err(EvidenceProblem::KindNotAccepted));
        assert_eq!(FileKind::of(b"MZ\x90\0", "recibo.doc"), Err(EvidenceProblem::KindNotAccepted));
    }

    #[test]
    fn limits_are_checked_before_the_kind() {
        assert_eq!(check(b"", "a.pdf", 0), Err(EvidenceProblem::Empty));
        assert_eq!(check(&vec![b'%'; MAX_FILE_BYTES + 1], "a.pdf", 0), Err(EvidenceProblem::TooLarge));
        assert_eq!(check(b"%PDF-1.4", "a.pdf", MAX_FILES_PER_ANSWER), Err(EvidenceProblem::TooMany));
        assert_eq!(check(b"%PDF-1.4", "a.pdf", MAX_FILES_PER_ANSWER - 1), Ok(FileKind::Pdf));
        for problem in EvidenceProblem::ALL {
            assert_eq!(EvidenceProblem::from_code(problem.code()), Some(problem));
        }
    }

    #[test]
    fn file_names_lose_their_folders_and_odd_characters_but_keep_accents() {
        assert_eq!(
            safe_file_name("C:\\Users\\Ana\\Recibo de nómina (marzo).pdf"),
            "Recibo de nómina (marzo).pdf"
        );
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("a\"b<c>.pdf"), "a_b_c_.pdf");
        assert_eq!(safe_file_name(".."), "evidencia");
        let long = format!("{}.pdf", "x".repeat(300));
        let kept = safe_file_name(&long);
        assert_eq!(kept.chars().count(), 100);
        assert!(kept.ends_with(".pdf"));
    }

    proptest! {
        #[test]
        fn a_safe_name_is_never_empty_a_path_or_a_header_breaker(offered in ".{0,300}") {
            let name = safe_file_name(&offered);
            prop_assert!(!name.is_empty() && name.chars().count() <= 100);
            prop_assert!(!name.contains(['/', '\\', '"', '\r', '\n', '\0']));
            prop_assert!(!name.starts_with('.'));
        }
    }
}
