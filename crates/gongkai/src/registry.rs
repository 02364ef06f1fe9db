//! The forms a validator knows: the built-in national forms, compiled in,
//! and any loaded at run time (a provincial variant needs no rebuild).

use std::sync::{Arc, LazyLock};

use crate::error::Error;
use crate::form::{CommonDef, Form, FormDef, RuleDef};

/// The built-in form files (`forms/*.json`, without indentation: build.rs),
/// compiled into every build.
pub const BUILTIN_FORM_FILES: &[(&str, &str)] = &[
    (
        "legacy",
        include_str!(concat!(env!("OUT_DIR"), "/legacy.json")),
    ),
    ("2019", include_str!(concat!(env!("OUT_DIR"), "/2019.json"))),
    ("2021", include_str!(concat!(env!("OUT_DIR"), "/2021.json"))),
];

/// Rules every form runs (`forms/common.json`).
pub const COMMON_RULES_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/common.json"));

static BUILTIN: LazyLock<Registry> = LazyLock::new(|| {
    let mut reg = Registry {
        forms: Vec::new(),
        common: Vec::new(),
    };
    // The built-in files are tested; failing here would be a build defect.
    match serde_json::from_str::<CommonDef>(COMMON_RULES_FILE) {
        Ok(c) => reg.common = c.rules,
        Err(e) => unreachable_form_error("common.json", &e.to_string()),
    }
    for (name, text) in BUILTIN_FORM_FILES {
        if let Err(e) = reg.load_form(text) {
            unreachable_form_error(name, &e.to_string());
        }
    }
    reg
});

#[allow(clippy::panic)]
fn unreachable_form_error(name: &str, e: &str) -> ! {
    panic!("built-in form {name} is invalid: {e}")
}

/// A set of forms.
#[derive(Debug, Clone)]
pub struct Registry {
    forms: Vec<Arc<Form>>,
    common: Vec<RuleDef>,
}

impl Registry {
    /// The built-in forms, shared and compiled once.
    pub fn builtin() -> &'static Registry {
        &BUILTIN
    }

    /// A registry with the built-in forms, to which more can be loaded.
    pub fn with_builtins() -> Registry {
        BUILTIN.clone()
    }

    /// Loads a form definition (JSON text in the format of `forms/*.json`).
    /// A form with the id of a loaded one replaces it.
    pub fn load_form(&mut self, json: &str) -> Result<&Form, Error> {
        let def: FormDef = serde_json::from_str(json).map_err(|e| Error::Form(e.to_string()))?;
        self.add_form(def)
    }

    /// Adds an already parsed form definition.
    pub fn add_form(&mut self, def: FormDef) -> Result<&Form, Error> {
        let form = Arc::new(Form::compile(def, &self.common)?);
        let pos = match self.forms.iter().position(|f| f.id() == form.id()) {
            Some(i) => {
                self.forms[i] = form;
                i
            }
            None => {
                self.forms.push(form);
                self.forms.len() - 1
            }
        };
        Ok(&self.forms[pos])
    }

    pub fn form(&self, id: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.id() == id).map(|f| f.as_ref())
    }

    pub fn forms(&self) -> impl Iterator<Item = &Form> {
        self.forms.iter().map(|f| f.as_ref())
    }

    /// The rules every form runs (`forms/common.json`).
    pub fn common_rules(&self) -> &[RuleDef] {
        &self.common
    }

    /// The built-in form whose years cover `year`.
    pub fn form_for_year(&self, year: i32) -> Option<&Form> {
        self.forms().find(|f| {
            BUILTIN_FORM_FILES.iter().any(|(id, _)| *id == f.id()) && f.def().years.contains(year)
        })
    }
}
