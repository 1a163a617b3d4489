//! What kind of statement an annotation marks: claim, quote or demand, with the names the
//! app, the exports and the command line give each.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    Claim,
    Quote,
    Demand,
}

impl Label {
    pub const ALL: [Label; 3] = [Label::Claim, Label::Quote, Label::Demand];

    /// Lower-case name used in exports and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Label::Claim => "claim",
            Label::Quote => "quote",
            Label::Demand => "demand",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Label::Claim => "Claim",
            Label::Quote => "Quote",
            Label::Demand => "Demand",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
