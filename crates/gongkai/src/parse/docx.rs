//! Word documents (.docx). PLACEHOLDER: being written (issue 8).

use crate::error::Error;
use crate::model::Report;
use crate::registry::Registry;

impl Registry {
    /// Reads a report from a Word document's bytes.
    pub fn parse_docx(&self, _bytes: &[u8]) -> Result<Report, Error> {
        Err(Error::Usage("this build reads no Word documents".into()))
    }
}
