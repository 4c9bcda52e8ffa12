//! The imports kept in the browser (IndexedDB database `dossier`), written here, in the worker:
//! store `imports` holds the joined collection's pack and dictionary under `current` with the
//! identifier of the embedded collection they were made with; store `files` each imported
//! file's bytes under its path (to import them again into a page rebuilt with another
//! collection). The page reads `current` on load and deletes the database to clear
//! (src/ui/stored.rs, the same schema).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
    WorkerGlobalScope,
};

const DB: &str = "dossier";
const IMPORTS: &str = "imports";
const FILES: &str = "files";
const CURRENT: &str = "current";

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

/// Asks for the database at `version`, creating its stores when that version is new to it.
fn request(factory: &IdbFactory, version: u32) -> Result<IdbOpenDbRequest, JsValue> {
    let request = factory.open_with_u32(DB, version)?;
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
    Ok(request)
}

/// Opens the database, creating its stores the first time.
pub async fn open() -> Result<IdbDatabase, JsValue> {
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    let factory = scope.indexed_db()?.ok_or("no IndexedDB")?;
    let first = request(&factory, 1)?;
    let db: IdbDatabase = result(&first).await?.unchecked_into();
    if db.object_store_names().contains(IMPORTS) {
        return Ok(db);
    }
    // Opened without its stores (made by a page that found nothing to read): a new version
    // adds them.
    let version = db.version() as u32 + 1;
    db.close();
    let upgraded = request(&factory, version)?;
    Ok(result(&upgraded).await?.unchecked_into())
}

/// Waits for a transaction to commit.
async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &"IndexedDB transaction failed".into());
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onerror(Some(failed.unchecked_ref()));
        tx.set_onabort(Some(failed.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(drop)
}

/// Keeps the joined collection (`build` identifies the embedded one), and the files just
/// imported (path, bytes) beside the earlier ones.
pub async fn save(
    build: &str,
    pack: &js_sys::Uint8Array,
    dictionary: &str,
    files: &[(String, Vec<u8>)],
) -> Result<(), JsValue> {
    let db = open().await?;
    let names = js_sys::Array::of2(&IMPORTS.into(), &FILES.into());
    let tx = db.transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite)?;
    let record = js_sys::Object::new();
    for (key, value) in [
        ("build", JsValue::from_str(build)),
        ("pack", pack.into()),
        ("dictionary", JsValue::from_str(dictionary)),
    ] {
        js_sys::Reflect::set(&record, &key.into(), &value)?;
    }
    tx.object_store(IMPORTS)?
        .put_with_key(&record, &CURRENT.into())?;
    let kept = tx.object_store(FILES)?;
    for (path, bytes) in files {
        kept.put_with_key(
            &js_sys::Uint8Array::from(bytes.as_slice()),
            &JsValue::from_str(path),
        )?;
    }
    committed(&tx).await?;
    db.close();
    Ok(())
}

/// The kept files (path, bytes).
pub async fn files() -> Result<Vec<(String, Vec<u8>)>, JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(FILES, IdbTransactionMode::Readonly)?;
    let store = tx.object_store(FILES)?;
    let keys = js_sys::Array::from(&result(&store.get_all_keys()?).await?);
    let values = js_sys::Array::from(&result(&store.get_all()?).await?);
    db.close();
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, js_sys::Uint8Array::new(&v).to_vec())))
        .collect())
}
