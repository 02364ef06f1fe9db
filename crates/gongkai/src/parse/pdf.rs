//! PDF files through their text layer. PLACEHOLDER: being written (issue 8).

use crate::error::Error;
use crate::model::Report;
use crate::registry::Registry;

impl Registry {
    /// Reads a report from a PDF's bytes.
    pub fn parse_pdf(&self, _bytes: &[u8]) -> Result<Report, Error> {
        Err(Error::Usage("this build reads no PDF files".into()))
    }
}
