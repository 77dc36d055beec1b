//! The recap document of [`crate::procedure::recap`] as a native Python class
//! (`apart.procedure.Recap`): the core's own type, made only by the core.

use crate::procedure::recap::Recap;
use crate::procedure::{DaStateInfo, DiStateInfo};

crate::py_record!(DaStateInfo, DiStateInfo);

use super::Plain;

py_view!(Recap, {
    kind / py_kind = |r: &Recap| r.content().kind,
    content / py_content = |r: &Recap| Plain::of(r.content()),
    canonical_json / py_canonical_json = Recap::canonical_json,
    hash / py_hash = |r: &Recap| r.hash().to_owned(),
    html / py_html = Recap::to_html,
}
    /// The state the recap shows.
    #[getter(state)]
    fn py_state(&self) -> String {
        self.content().state.clone()
    }
);
