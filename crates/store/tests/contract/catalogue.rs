//! 16. The catalogue: a product added, changed, read by id and by article number, each with its
//! audit row in the same transaction; a taken article number is a `Conflict` that writes
//! nothing; the search finds the article number by prefix and the names by substring, case and
//! diacritics ignored; an import adds and changes by article number, all or nothing.

use crate::helpers::*;
use pronto_domain::catalogue::{Product, ProductDraft, read_csv};
use pronto_store::AuditEntry;
use pronto_store::AuditFilter;
use pronto_store::catalogue::{ImportOutcome, ProductFilter};

fn audit(kind: &str) -> AuditEntry {
    AuditEntry { actor_login: Some("admin".into()), kind: kind.into(), detail: json!({}), ..AuditEntry::default() }
}

fn product(sku: &str, names: &[(&str, &str)], price: &str) -> Product {
    ProductDraft {
        sku: sku.into(),
        names: names.iter().map(|(l, n)| ((*l).to_owned(), (*n).to_owned())).collect(),
        unit: "ks".into(),
        price: price.into(),
        currency: "CZK".into(),
        vat_rate: "21".into(),
        supplier: "Vaillant".into(),
        supplier_sku: "V-1".into(),
    }
    .parse()
    .unwrap()
}

async fn skus(store: &Arc<dyn Store>, q: &str) -> Vec<String> {
    let f = ProductFilter { q: Some(q.into()), ..Default::default() };
    store.products(&f).await.unwrap().into_iter().map(|r| r.product.sku).collect()
}

async fn kinds(store: &Arc<dyn Store>) -> Vec<String> {
    store.audit_log(&AuditFilter { limit: 50, ..AuditFilter::default() }).await.unwrap().into_iter().map(|r| r.kind).collect()
}

async fn products_are_kept_found_and_changed_with_their_audit_rows(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let kotel = product("KT-100", &[("cs", "Kotel Vaillant ecoTEC"), ("en", "Vaillant boiler")], "12500.50");
    let id = store.create_product(kotel.clone(), true, audit("catalogue.product_created")).await.unwrap();
    let got = store.product(id).await.unwrap();
    assert_eq!(got.product, kotel, "kept exactly: names, decimal price and rate, supplier");
    assert!(got.active);
    assert_eq!(got.created_at, clock.now());
    assert_eq!(store.product_by_sku("KT-100").await.unwrap().map(|r| r.id), Some(id));
    assert_eq!(store.product_by_sku("KT-1").await.unwrap(), None);
    assert!(matches!(store.product(id + 1000).await, Err(StoreError::NotFound)));

    // The same article number again: a conflict that writes nothing.
    let err = store.create_product(product("KT-100", &[("en", "Other")], "1"), true, audit("catalogue.product_created")).await.unwrap_err();
    assert!(matches!(&err, StoreError::Conflict(m) if m.contains("KT-100")), "{err:?}");

    store
        .create_product(product("SRV-2", &[("cs", "Servisní prohlídka kotle")], "890"), true, audit("catalogue.product_created"))
        .await
        .unwrap();
    store.create_product(product("ŁÓDŹ-7", &[("pl", "Żółta pompa")], "10"), true, audit("catalogue.product_created")).await.unwrap();
    // Searching: article number by prefix, names by substring (every word), case and
    // diacritics ignored.
    let cases: &[(&str, &[&str])] = &[
        ("", &["KT-100", "SRV-2", "ŁÓDŹ-7"]),
        ("kt", &["KT-100"]),
        ("kt-100", &["KT-100"]),
        ("100", &[]),
        ("kotel", &["KT-100"]),
        ("KOTLE", &["SRV-2"]),
        ("servisni prohlidka", &["SRV-2"]),
        ("prohlidka servisni", &["SRV-2"]),
        ("ecotec vaillant", &["KT-100"]),
        ("boiler", &["KT-100"]),
        ("zołta", &["ŁÓDŹ-7"]),
        ("łodz", &["ŁÓDŹ-7"]),
        ("%", &[]),
        ("_", &[]),
    ];
    for (q, want) in cases {
        let mut got = skus(&store, q).await;
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| (*s).to_owned()).collect();
        want.sort();
        assert_eq!(got, want, "search {q:?}");
    }

    // A change: a new name and price, kept; deactivated, it leaves the list (not the export).
    clock.advance(SignedDuration::from_secs(60));
    let changed = product("KT-100", &[("cs", "Kotel Vaillant ecoTEC plus")], "13000");
    store.update_product(id, changed.clone(), Some(false), audit("catalogue.product_changed")).await.unwrap();
    let got = store.product(id).await.unwrap();
    assert_eq!((got.product.clone(), got.active, got.updated_at), (changed, false, clock.now()));
    assert!(skus(&store, "kt").await.is_empty(), "an inactive product is not offered");
    let all = ProductFilter { q: Some("kt".into()), all: true, ..Default::default() };
    assert_eq!(store.products(&all).await.unwrap().len(), 1, "unless asked for");
    assert_eq!(store.export_products().await.unwrap().len(), 3);
    // Another product's article number is a conflict; an unknown id is NotFound.
    let err = store.update_product(id, product("SRV-2", &[("en", "x")], "1"), None, audit("catalogue.product_changed")).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    let err =
        store.update_product(id + 1000, product("NEW", &[("en", "x")], "1"), None, audit("catalogue.product_changed")).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    assert_eq!(
        kinds(&store).await,
        ["catalogue.product_changed", "catalogue.product_created", "catalogue.product_created", "catalogue.product_created"],
        "one audit row per change, none for the refused ones"
    );
}

async fn an_import_adds_and_changes_by_article_number_all_or_nothing(store: Arc<dyn Store>, _clock: Arc<ManualClock>) {
    let id = store.create_product(product("KT-100", &[("cs", "Kotel")], "100"), true, audit("catalogue.product_created")).await.unwrap();
    store.update_product(id, product("KT-100", &[("cs", "Kotel")], "100"), Some(false), audit("catalogue.product_changed")).await.unwrap();
    let file =
        "sku;name_cs;name_en;unit;price;currency;vat_rate\nKT-100;Kotel nový;Boiler;ks;120;CZK;21\nP-1;Čerpadlo;Pump;ks;30.5;EUR;12\n";
    let products = read_csv(file.as_bytes()).unwrap();
    let out = store.import_products(products.clone(), audit("catalogue.imported")).await.unwrap();
    assert_eq!(out, ImportOutcome { created: 1, updated: 1 });
    let kt = store.product_by_sku("KT-100").await.unwrap().unwrap();
    assert_eq!(
        (kt.id, kt.product.name_in("cs"), kt.product.price.to_string(), kt.active),
        (id, "Kotel nový", "120".into(), false),
        "changed in place, still inactive"
    );
    let exported: Vec<Product> = store.export_products().await.unwrap().into_iter().map(|r| r.product).collect();
    assert_eq!(exported, products, "what was imported is what is exported");
    let log = store.audit_log(&AuditFilter { limit: 1, ..AuditFilter::default() }).await.unwrap();
    assert_eq!((log[0].kind.as_str(), &log[0].detail["created"], &log[0].detail["updated"]), ("catalogue.imported", &json!(1), &json!(1)));

    // All or nothing: the batch's third row repeats the first's article number; the rows
    // written before it are rolled back with it, and no audit row is written.
    let before = kinds(&store).await.len();
    let batch =
        vec![product("NEW-1", &[("en", "One")], "1"), product("NEW-2", &[("en", "Two")], "2"), product("NEW-1", &[("en", "Again")], "3")];
    let err = store.import_products(batch, audit("catalogue.imported")).await.unwrap_err();
    assert!(matches!(&err, StoreError::Invalid(e) if e.to_string().contains("NEW-1")), "{err:?}");
    assert_eq!(store.product_by_sku("NEW-1").await.unwrap(), None);
    assert_eq!(store.product_by_sku("NEW-2").await.unwrap(), None);
    assert_eq!(kinds(&store).await.len(), before);
}

contract_test!(products_are_kept_found_and_changed_with_their_audit_rows);
contract_test!(an_import_adds_and_changes_by_article_number_all_or_nothing);
