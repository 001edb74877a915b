//! Where to send a person back to (`?volver=`, after signing in or switching language): only a
//! path on this site, written so that no browser can read it as another site.
//!
//! Browsers strip tabs and newlines from a `Location` before reading it, so `/\t/evil.example`
//! arrives as `//evil.example` — another host. A path is therefore accepted only when every
//! character is visible ASCII (no backslash) or non-ASCII, which is percent-encoded; anything else
//! (whitespace, control characters) refuses the whole path rather than being cleaned up.

/// `raw` as a safe return path on this site, or `None`.
pub fn return_path(raw: &str) -> Option<String> {
    if !raw.starts_with('/') || raw.starts_with("//") || raw.starts_with("/\\") {
        return None;
    }
    let mut path = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\\' => return None,
            c if c.is_ascii_graphic() => path.push(c),
            c if c.is_ascii() => return None,
            c => {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    path.push_str(&format!("%{byte:02X}"));
                }
            }
        }
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::return_path;

    #[test]
    fn only_paths_on_this_site_are_return_paths() {
        assert_eq!(return_path("/").as_deref(), Some("/"));
        assert_eq!(return_path("/evaluaciones?seccion=2").as_deref(), Some("/evaluaciones?seccion=2"));
        assert_eq!(return_path("/x?q=á").as_deref(), Some("/x?q=%C3%A1"));
        for other_site in [
            "//evil.example/",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/ /evil.example",
            "https://evil.example/",
            "evaluaciones",
            "/a\r\nSet-Cookie: x=1",
            "/a\u{0}b",
            "/a\\b",
            "",
        ] {
            assert_eq!(return_path(other_site), None, "{other_site:?}");
        }
    }

    proptest! {
        #[test]
        fn whatever_is_accepted_is_one_local_path_a_header_can_carry(raw in "\\PC*|/.*|/[\\t\\n\\r /\\\\a-z]{0,6}") {
            if let Some(path) = return_path(&raw) {
                prop_assert!(path.starts_with('/'));
                prop_assert!(!path.starts_with("//") && !path.starts_with("/\\"));
                prop_assert!(path.chars().all(|c| c.is_ascii_graphic() && c != '\\'), "{path:?}");
                prop_assert!(axum::http::HeaderValue::from_str(&path).is_ok());
                // What a browser does to a Location before reading it changes nothing here.
                let stripped: String = path.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
                prop_assert!(!stripped.starts_with("//"));
            }
        }

        #[test]
        fn a_plain_path_comes_back_unchanged(raw in "/[a-z0-9/?=&._-]{0,40}") {
            prop_assume!(!raw.starts_with("//"));
            prop_assert_eq!(return_path(&raw), Some(raw.clone()));
        }
    }
}
