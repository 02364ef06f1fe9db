//! Bytes to text: UTF-8 (with or without a BOM), UTF-16 with a BOM, and
//! GBK/GB18030, which many portals and office PCs still write.

/// How a file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Gb18030,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 => "UTF-16",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// Decodes a report file's bytes. `None` when the bytes are no text in any
/// of these encodings (a PDF, an image, a zip).
pub fn decode(bytes: &[u8]) -> Option<(String, Encoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .ok()
            .map(|s| (s.to_string(), Encoding::Utf8));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (cow, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        return (!bad).then(|| (cow.into_owned(), Encoding::Utf16));
    }
    if looks_binary(bytes) {
        return None;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some((s.to_string(), Encoding::Utf8));
    }
    let (cow, bad) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (!bad).then(|| (cow.into_owned(), Encoding::Gb18030))
}

/// Text as GBK bytes (for tests and for writing files Excel/WPS read).
pub fn encode_gbk(s: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(s).0.into_owned()
}

/// NUL bytes or a known binary signature: not a text report.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF")
        || bytes.starts_with(b"PK\x03\x04")
        || bytes.iter().take(4096).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_gbk_and_boms() {
        let (gbk, _, _) = encoding_rs::GBK.encode("政府信息公开工作年度报告");
        assert_eq!(
            decode(&gbk),
            Some(("政府信息公开工作年度报告".to_string(), Encoding::Gb18030))
        );
        assert_eq!(decode("年报".as_bytes()).map(|d| d.1), Some(Encoding::Utf8));
        assert_eq!(
            decode(b"\xEF\xBB\xBFabc").map(|d| d.0),
            Some("abc".to_string())
        );
        assert_eq!(decode(b"%PDF-1.7 \x00"), None);
        assert_eq!(
            decode(b"\xFF\xFEa\x00"),
            Some(("a".to_string(), Encoding::Utf16))
        );
    }
}
