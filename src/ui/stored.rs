//! The imported files and their index, kept in the browser (IndexedDB, database `dossier`):
//! store `imports` holds the joined collection's pack and dictionary under `current`, with the
//! embedded collection they were made with ([`build_id`]); store `files` holds each imported
//! file's bytes under its path. A reload unpacks the kept pack instead of the embedded one,
//! without indexing anything again. A `localStorage` flag says whether there is anything to
//! read, so a page without imports never opens the database.
//!
//! Nothing leaves the browser. When the page was rebuilt with another collection, the kept
//! pack no longer matches and is not used (its files stay, see [`files`]).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

use super::Joined;

const DB: &str = "dossier";
const IMPORTS: &str = "imports";
const FILES: &str = "files";
const CURRENT: &str = "current";
/// `localStorage` key: set while the database holds imports.
const FLAG: &str = "dossier-imports";

/// Identifies the embedded collection: its pack's length and a hash of its ends.
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

/// Waits for a request's result.
async fn result(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let r = request.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or_default());
        });
        let err = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &"IndexedDB request failed".into());
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()?
        .ok_or("no IndexedDB")?;
    let request = factory.open_with_u32(DB, 1)?;
    let upgrade = Closure::once_into_js({
        let request = request.clone();
        move |_: web_sys::Event| {
            if let Ok(db) = request.result().map(|r| r.unchecked_into::<IdbDatabase>()) {
                let _ = db.create_object_store(IMPORTS);
                let _ = db.create_object_store(FILES);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    Ok(result(&request).await?.unchecked_into())
}

/// Waits for a transaction to commit.
async fn committed(tx: &web_sys::IdbTransaction) -> Result<(), JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject2 = reject.clone();
        let err = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &"IndexedDB transaction failed".into());
        });
        let abort = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject2.call1(&JsValue::NULL, &"IndexedDB transaction aborted".into());
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onerror(Some(err.unchecked_ref()));
        tx.set_onabort(Some(abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(drop)
}

fn stores(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<web_sys::IdbTransaction, JsValue> {
    let names = js_sys::Array::of2(&IMPORTS.into(), &FILES.into());
    db.transaction_with_str_sequence_and_mode(&names, mode)
}

/// Keeps the joined collection and the files just imported (path, bytes).
pub async fn save(joined: &Joined, files: &[(String, js_sys::Uint8Array)]) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = stores(&db, IdbTransactionMode::Readwrite)?;
    let record = js_sys::Object::new();
    let pack = js_sys::Uint8Array::from(joined.pack.as_slice());
    for (key, value) in [
        ("build", JsValue::from_str(&build_id())),
        ("pack", pack.into()),
        ("dictionary", JsValue::from_str(&joined.dictionary)),
    ] {
        js_sys::Reflect::set(&record, &key.into(), &value)?;
    }
    tx.object_store(IMPORTS)?
        .put_with_key(&record, &CURRENT.into())?;
    let kept = tx.object_store(FILES)?;
    for (path, bytes) in files {
        kept.put_with_key(bytes, &JsValue::from_str(path))?;
    }
    committed(&tx).await?;
    db.close();
    if let Some(s) = storage() {
        s.set_item(FLAG, "1")?;
    }
    Ok(())
}

/// The kept joined collection, if there is one made with this build's collection.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub async fn load() -> Option<Joined> {
    if !flagged() {
        return None;
    }
    let db = open().await.ok()?;
    let tx = db
        .transaction_with_str_and_mode(IMPORTS, IdbTransactionMode::Readonly)
        .ok()?;
    let record = result(&tx.object_store(IMPORTS).ok()?.get(&CURRENT.into()).ok()?)
        .await
        .ok()?;
    db.close();
    let get = |key: &str| js_sys::Reflect::get(&record, &key.into()).ok();
    if get("build")?.as_string()? != build_id() {
        return None;
    }
    Some(Joined {
        pack: js_sys::Uint8Array::new(&get("pack")?).to_vec(),
        dictionary: get("dictionary")?.as_string()?,
    })
}

/// The kept files (path, bytes), to import again into a collection built anew.
pub async fn files() -> Vec<(String, js_sys::Uint8Array)> {
    let read = async {
        let db = open().await?;
        let tx = db.transaction_with_str_and_mode(FILES, IdbTransactionMode::Readonly)?;
        let store = tx.object_store(FILES)?;
        let keys = js_sys::Array::from(&result(&store.get_all_keys()?).await?);
        let values = js_sys::Array::from(&result(&store.get_all()?).await?);
        db.close();
        Ok::<_, JsValue>(
            keys.iter()
                .zip(values.iter())
                .filter_map(|(k, v)| Some((k.as_string()?, v.dyn_into().ok()?)))
                .collect(),
        )
    };
    read.await.unwrap_or_default()
}

/// Forgets every import.
pub async fn clear() -> Result<(), JsValue> {
    if let Some(s) = storage() {
        s.remove_item(FLAG)?;
    }
    let db = open().await?;
    let tx = stores(&db, IdbTransactionMode::Readwrite)?;
    tx.object_store(IMPORTS)?.clear()?;
    tx.object_store(FILES)?.clear()?;
    committed(&tx).await?;
    db.close();
    Ok(())
}
