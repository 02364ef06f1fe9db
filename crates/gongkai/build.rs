//! The built-in form files are compiled in without their indentation: the
//! same JSON, a few KB less in every browser download. A form file that is
//! not JSON fails the build here, with its name.

use std::error::Error;
use std::fs;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    for name in ["legacy", "2019", "2021", "common"] {
        let src = format!("forms/{name}.json");
        println!("cargo::rerun-if-changed={src}");
        let value: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&src)?).map_err(|e| format!("{src}: {e}"))?;
        fs::write(
            out.join(format!("{name}.json")),
            serde_json::to_string(&value)?,
        )?;
    }
    Ok(())
}
