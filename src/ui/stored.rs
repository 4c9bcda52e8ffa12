//! The imports kept in the browser (IndexedDB, database `dossier`), as the page reads them:
//! the import worker writes them (`crates/import-worker/src/store.rs`: store `imports` holds
//! the joined collection's pack and dictionary under `current`, with the identifier of the
//! embedded collection they were made with, [`build_id`]; store `files` the imported files).
//! A reload unpacks the kept pack instead of the embedded one, without indexing anything
//! again. A `localStorage` flag, which the page sets once the worker says the import is kept,
//! says whether there is anything to read, so a page without imports never opens the database.
//! Clearing deletes the database. Nothing leaves the browser.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::Joined;

const DB: &str = "dossier";
/// `localStorage` key: set while the database holds imports.
const FLAG: &str = "dossier-imports";

/// Identifies the embedded collection: its pack's length and a hash of its ends. A kept pack
/// made with another one is not used (the page imports the kept files again instead).
pub fn build_id() -> String {
    let pack = crate::pack();
    let n = pack.len();
    let ends = pack[..n.min(65_536)]
        .iter()
        .chain(&pack[n.saturating_sub(65_536)..]);
    // FNV-1a.
    let hash = ends.fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{n}-{hash:016x}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether the page kept imports (cheap: no database opened).
pub fn flagged() -> bool {
    storage().is_some_and(|s| s.get_item(FLAG).ok().flatten().is_some())
}

/// Notes that the database holds imports (the worker kept them).
pub fn flag() {
    if let Some(s) = storage() {
        let _ = s.set_item(FLAG, "1");
    }
}

/// The kept joined collection, if there is one made with this build's collection.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub async fn load() -> Option<Joined> {
    if !flagged() {
        return None;
    }
    let read = async {
        let factory = web_sys::window()
            .ok_or("no window")?
            .indexed_db()?
            .ok_or("no IndexedDB")?;
        let db: web_sys::IdbDatabase = result(&factory.open(DB)?.into()).await?.unchecked_into();
        let tx = db.transaction_with_str("imports")?;
        let record = result(&tx.object_store("imports")?.get(&"current".into())?).await;
        db.close();
        record
    };
    let record = read.await.ok()?;
    let get = |key: &str| js_sys::Reflect::get(&record, &key.into()).ok();
    if get("build")?.as_string()? != build_id() {
        return None;
    }
    Some(Joined {
        pack: js_sys::Uint8Array::new(&get("pack")?).to_vec(),
        dictionary: get("dictionary")?.as_string()?,
    })
}

/// Waits for a request's result.
async fn result(request: &web_sys::IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let r = request.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or_default());
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await
}

/// Forgets every import: the flag at once, the database as soon as nothing holds it open.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(FLAG);
    }
    if let Some(Ok(Some(factory))) = web_sys::window().map(|w| w.indexed_db()) {
        let _ = factory.delete_database(DB);
    }
}
