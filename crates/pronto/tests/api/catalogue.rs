//! Issue 20, item 1: the catalogue of products and services through the real server — the
//! API as the contract says (`POST /api/v1/products` → 201, `GET /api/v1/products?q=` →
//! `{"items"}`, `GET`/`PUT` one, the CSV import and export), who may change it (admins and
//! managers; everyone signed in reads), precise 4xx for a client's mistakes, the search that
//! ignores case and diacritics, and the page (`/catalogue`): a product added through its form,
//! refused fields in the reader's language, a file with bad rows listed by line and nothing
//! saved, the download.

use crate::agency::{app_at, token_of, user};
use crate::forms_admin::page;
use reqwest::Method;
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine};

both!(products_through_the_api, the_catalogue_page);

const TUESDAY_9: &str = "2031-05-06T07:00:00Z";

fn kotel() -> Value {
    json!({ "sku": "KT-100", "name": "Kotel Vaillant ecoTEC", "unit": "ks", "price": "12500.50", "currency": "CZK", "vat_rate": "21", "supplier": "Vaillant" })
}

async fn post_csv(app: &App, token: &str, csv: &str) -> testkit::Resp {
    app.send(app.client.post(app.url("/api/v1/products/import")).bearer_auth(token).header("content-type", "text/csv").body(csv.to_owned()))
        .await
}

async fn skus(app: &App, token: &str, q: &str) -> Vec<String> {
    let r = app.get_as(token, &format!("/api/v1/products?q={}", testkit::urlencode(q))).await.expect(200);
    r["items"].as_array().unwrap().iter().map(|p| p["sku"].as_str().unwrap().to_owned()).collect()
}

async fn products_through_the_api(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let manager = token_of(&app, user(&app, "marta", "manager", "+420 777 000 001").await).await;
    let consultant = token_of(&app, user(&app, "karel", "consultant", "+420 777 000 002").await).await;

    // Added by a manager: the name given as a string is in the request's language.
    let r =
        app.send(app.client.post(app.url("/api/v1/products")).bearer_auth(&manager).header("content-language", "cs").json(&kotel())).await;
    let p = r.expect(201);
    let id = p["id"].as_i64().unwrap();
    assert_eq!(
        (&p["sku"], &p["names"], &p["price"], &p["currency"], &p["vat_rate"], &p["unit"], &p["supplier"], &p["active"]),
        (
            &json!("KT-100"),
            &json!({ "cs": "Kotel Vaillant ecoTEC" }),
            &json!("12500.5"),
            &json!("CZK"),
            &json!("21"),
            &json!("ks"),
            &json!("Vaillant"),
            &json!(true)
        ),
        "{p}"
    );
    // Names per language (the extension), and the supplier's article number.
    let pump = json!({ "sku": "CP-7", "name": { "cs": "Oběhové čerpadlo Grundfos", "en": "Grundfos circulation pump" }, "unit": "ks",
                       "price": "3490", "currency": "CZK", "vat_rate": "21", "supplier": "Grundfos", "supplier_sku": "GR-99" });
    let p2 = app.post_as(&manager, "/api/v1/products", &pump).await.expect(201);
    assert_eq!((&p2["supplier_sku"], &p2["names"]["en"]), (&json!("GR-99"), &json!("Grundfos circulation pump")));
    // Read in the reader's language, else the first name given.
    let got = app
        .send(app.client.get(app.url(&format!("/api/v1/products/{}", p2["id"]))).bearer_auth(&consultant).header("accept-language", "en"))
        .await
        .expect(200);
    assert_eq!(got["name"], "Grundfos circulation pump");
    let got = app
        .send(app.client.get(app.url(&format!("/api/v1/products/{id}"))).bearer_auth(&consultant).header("accept-language", "he"))
        .await
        .expect(200);
    assert_eq!(got["name"], "Kotel Vaillant ecoTEC");

    // Everyone signed in searches: article number by its start, names by any part, case and
    // diacritics ignored.
    for (q, want) in [
        ("", vec!["CP-7", "KT-100"]),
        ("kt", vec!["KT-100"]),
        ("KT-1", vec!["KT-100"]),
        ("cerpadlo", vec!["CP-7"]),
        ("OBĚHOVÉ", vec!["CP-7"]),
        ("grundfos pump", vec!["CP-7"]),
        ("ecotec", vec!["KT-100"]),
        ("100", vec![]),
    ] {
        assert_eq!(skus(&app, &consultant, q).await, want, "q={q}");
    }
    app.anon(Method::GET, "/api/v1/products").send().await.map(|r| assert_eq!(r.status(), 401)).unwrap();

    // Who may change it: admins and managers; the consultant is refused and nothing changes.
    app.post_as(
        &consultant,
        "/api/v1/products",
        &json!({ "sku": "X-1", "name": "x", "unit": "ks", "price": "1", "currency": "CZK", "vat_rate": "21" }),
    )
    .await
    .problem(403);
    let put = app.send(app.client.put(app.url(&format!("/api/v1/products/{id}"))).bearer_auth(&consultant).json(&kotel())).await;
    put.problem(403);
    post_csv(&app, &consultant, "sku,name_en\nX,Y\n").await.problem(403);
    assert_eq!(skus(&app, &consultant, "x").await, Vec::<String>::new());

    // A client's mistakes: precise, every field at once; a taken article number is 409.
    let bad = json!({ "sku": " ", "name": "", "unit": "", "price": "-5", "currency": "Kč", "vat_rate": "150", "supplier": "a\nb" });
    let p = app
        .post_as(&manager, "/api/v1/products", &bad)
        .await
        .invalid(&["sku", "name", "unit", "price", "currency", "vat_rate", "supplier"]);
    assert!(p.to_string().contains("must not be negative") && p.to_string().contains("from 0 to 100"), "{p}");
    app.post_as(
        &manager,
        "/api/v1/products",
        &json!({ "sku": "N-1", "name": "x", "unit": "ks", "price": 12.5, "currency": "EUR", "vat_rate": "21" }),
    )
    .await
    .invalid(&["price"]);
    app.post_as(
        &manager,
        "/api/v1/products",
        &json!({ "sku": "N-1", "name": { "de": "Kessel" }, "unit": "ks", "price": "1", "currency": "EUR", "vat_rate": "21" }),
    )
    .await
    .invalid(&["name_de"]);
    let dup = app.post_as(&manager, "/api/v1/products", &kotel()).await.problem(409);
    assert!(dup["detail"].as_str().unwrap().contains("KT-100"), "{dup}");
    app.get_as(&manager, "/api/v1/products/999999").await.problem(404);
    app.get_as(&manager, "/api/v1/products/abc").await.problem(404);
    app.get_as(&manager, "/api/v1/products?all=maybe").await.invalid(&["all"]);

    // A change: the whole product again, and no longer offered.
    let mut changed = kotel();
    changed["price"] = json!("12990");
    changed["active"] = json!(false);
    let p = app.send(app.client.put(app.url(&format!("/api/v1/products/{id}"))).bearer_auth(&manager).json(&changed)).await.expect(200);
    assert_eq!((&p["price"], &p["active"]), (&json!("12990"), &json!(false)));
    assert_eq!(skus(&app, &consultant, "kt").await, Vec::<String>::new(), "not offered: not found");
    let all = app.get_as(&consultant, "/api/v1/products?q=kt&all=true").await.expect(200);
    assert_eq!(all["items"].as_array().unwrap().len(), 1);
    let put = app
        .send(
            app.client
                .put(app.url(&format!("/api/v1/products/{id}")))
                .bearer_auth(&manager)
                .json(&json!({ "sku": "CP-7", "name": "x", "unit": "ks", "price": "1", "currency": "CZK", "vat_rate": "21" })),
        )
        .await;
    put.problem(409);

    // A file with bad rows: each named by its line and column, and nothing saved.
    let bad_file = "sku;name_cs;name_en;unit;price;currency;vat_rate\nKT-100;Kotel;Boiler;ks;13500;CZK;21\nNEW-1;;;ks;abc;CZK;21\nNEW-2;Nový;New;ks;10;CZK;210\n";
    let p = post_csv(&app, &manager, bad_file).await.invalid(&["line 3: name", "line 3: price", "line 4: vat_rate"]);
    assert!(p.to_string().contains("must be a number"), "{p}");
    assert_eq!(app.get_as(&manager, &format!("/api/v1/products/{id}")).await.expect(200)["price"], "12990", "nothing saved");
    assert!(skus(&app, &manager, "new").await.is_empty());
    post_csv(&app, &manager, "sku,name_en,colour\nA,B,red\n").await.invalid(&["line 1: colour"]);
    let r = app
        .send(
            app.client.post(app.url("/api/v1/products/import")).bearer_auth(&manager).header("content-type", "application/json").body("{}"),
        )
        .await;
    r.problem(415);
    // A good one (with a BOM, `;`): added and changed by article number.
    let good = "\u{feff}sku;name_cs;name_en;unit;price;currency;vat_rate;supplier;supplier_sku\nKT-100;Kotel;Boiler;ks;13500;CZK;21;Vaillant;V-1\nNEW-1;Nový kotel;New boiler;ks;9990.90;CZK;21;;\n";
    let o = post_csv(&app, &manager, good).await.expect(200);
    assert_eq!(o, json!({ "created": 1, "updated": 1 }));
    assert_eq!(skus(&app, &consultant, "novy kotel").await, ["NEW-1"]);

    // The export reads back: importing it again changes nothing.
    let r = app.get_as(&consultant, "/api/v1/products/export").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"), "{:?}", r.headers);
    assert!(
        r.text.starts_with("\u{feff}sku,name_en,name_cs,name_ru,name_pl,name_he,unit,price,currency,vat_rate,supplier,supplier_sku"),
        "{}",
        r.text
    );
    assert!(r.text.contains("KT-100,Boiler,Kotel,,,,ks,13500,CZK,21,Vaillant,V-1"), "{}", r.text);
    let before = app.get_as(&manager, "/api/v1/products?all=true").await.expect(200);
    let o = post_csv(&app, &manager, &r.text).await.expect(200);
    assert_eq!(o, json!({ "created": 0, "updated": 3 }));
    let after = app.get_as(&manager, "/api/v1/products?all=true").await.expect(200);
    let strip = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p["updated_at"] = json!(null);
                p
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&before), strip(&after));

    // Each change is in the audit log.
    let log = app.get("/api/v1/audit?kind=catalogue").await.expect(200);
    let kinds: Vec<&str> = log["items"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["catalogue.imported", "catalogue.imported", "catalogue.product_changed", "catalogue.product_created", "catalogue.product_created"],
        "{log}"
    );
}

async fn the_catalogue_page(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "marta", "manager", "+420 777 000 001").await;
    user(&app, "karel", "consultant", "+420 777 000 002").await;
    let marta = crate::access::sign_in(&app, "marta").await;
    let karel = crate::access::sign_in(&app, "karel").await;

    // Empty: the manager is told how to fill it; the navigation leads there.
    let (status, html, _) = page(&app, Method::GET, "/catalogue", &marta, "cs", None).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("href=\"/catalogue\"") && html.contains("Katalog je prázdný. Přidejte produkt"), "{html}");
    assert!(html.contains("id=\"catalogue-add\"") && html.contains("id=\"catalogue-upload\""), "{html}");

    // A refused form: every field named in the reader's language, what was typed kept.
    let bad = [("sku", "KT-100"), ("name_cs", ""), ("unit", "ks"), ("price", "12 500"), ("currency", "CZK"), ("vat_rate", "121")];
    let (status, html, _) = page(&app, Method::POST, "/catalogue/new", &marta, "cs", Some(&bad)).await;
    assert_eq!(status, 422, "{html}");
    for (id, words) in [("err-name", "aspoň v jednom jazyce"), ("err-price", "Napište číslo"), ("err-vat_rate", "od 0 do 100")] {
        assert!(html.contains(&format!("id=\"{id}\"")) && html.contains(words), "{id}: {html}");
    }
    assert!(html.contains("value=\"KT-100\"") && html.contains("value=\"12 500\""), "kept: {html}");

    // Added: back to the list, which says what happens next and shows the price with its currency.
    let good = [
        ("sku", "KT-100"),
        ("name_cs", "Kotel Vaillant ecoTEC"),
        ("name_en", "Vaillant boiler"),
        ("unit", "ks"),
        ("price", "12500,50"),
        ("currency", "CZK"),
        ("vat_rate", "21"),
        ("supplier", "Vaillant"),
        ("supplier_sku", ""),
    ];
    let (status, _, location) = page(&app, Method::POST, "/catalogue/new", &marta, "cs", Some(&good)).await;
    assert_eq!((status, location.as_deref()), (303, Some("/catalogue?saved=KT-100")));
    let (_, html, _) = page(&app, Method::GET, "/catalogue?saved=KT-100", &marta, "cs", None).await;
    assert!(
        html.contains("Uloženo: KT-100") && html.contains("12\u{a0}500,50\u{a0}CZK") && html.contains("Kotel Vaillant ecoTEC"),
        "{html}"
    );
    // Found without diacritics; the same article number again is refused at its field.
    let (_, html, _) = page(&app, Method::GET, "/catalogue?q=vaillant+ecotec", &karel, "en", None).await;
    assert!(html.contains("Vaillant boiler") && !html.contains("id=\"catalogue-add\""), "the consultant reads, in English: {html}");
    let (_, html, _) = page(&app, Method::GET, "/catalogue?q=kotel+vaillant", &marta, "cs", None).await;
    assert!(html.contains("id=\"product-"), "{html}");
    let (status, html, _) = page(&app, Method::POST, "/catalogue/new", &marta, "cs", Some(&good)).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"err-sku\"") && html.contains("už má jiný produkt"), "{html}");

    // The consultant may not change it.
    assert_eq!(page(&app, Method::GET, "/catalogue/new", &karel, "en", None).await.0, 403);
    assert_eq!(page(&app, Method::POST, "/catalogue/new", &karel, "en", Some(&good)).await.0, 403);

    // Changed: the edit page holds the values; unticked "offered" hides it from the search.
    let id = app.get("/api/v1/products?q=kt").await.expect(200)["items"][0]["id"].as_i64().unwrap();
    let (_, html, _) = page(&app, Method::GET, &format!("/catalogue/{id}"), &marta, "en", None).await;
    assert!(
        html.contains("value=\"12500.5\"") && html.contains("value=\"Vaillant boiler\"") && html.contains("<option value=\"CZK\" selected"),
        "{html}"
    );
    let changed: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, if *k == "price" { "13000" } else { *v })).collect();
    let (status, _, location) = page(&app, Method::POST, &format!("/catalogue/{id}"), &marta, "en", Some(&changed)).await;
    assert_eq!((status, location.as_deref()), (303, Some("/catalogue?saved=KT-100")));
    let p = app.get(&format!("/api/v1/products/{id}")).await.expect(200);
    assert_eq!((&p["price"], &p["active"]), (&json!("13000"), &json!(false)));

    // A file with bad rows: listed by line in the reader's words; nothing saved.
    let bad_file = "sku;name_cs;unit;price;currency;vat_rate\nA-1;Čerpadlo;ks;100;CZK;21\nA-2;;ks;x;CZK;21\n";
    let (status, html) = upload(&app, &marta, "cs", bad_file).await;
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("id=\"catalogue-problems\"")
            && html.contains("Nic se neuložilo")
            && html.contains("<td>3</td>")
            && html.contains("Cena bez DPH"),
        "{html}"
    );
    assert!(app.get("/api/v1/products?q=a-").await.expect(200)["items"].as_array().unwrap().is_empty());
    // A good one: imported, and the list says so.
    let (status, html) = upload(&app, &marta, "cs", "sku;name_cs;unit;price;currency;vat_rate\nA-1;Čerpadlo;ks;100;CZK;21\n").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Importováno: 1 přidáno, 0 upraveno"), "{html}");

    // The download.
    let r = app.client.get(app.url("/catalogue/export.csv")).header("cookie", format!("pronto_session={karel}")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains("catalogue.csv"));
    let text = r.text().await.unwrap();
    assert!(text.contains("A-1,,Čerpadlo,,,,ks,100,CZK,21,,") && text.contains("KT-100,"), "{text}");
}

/// A catalogue file sent through the page's upload form (the redirect followed).
async fn upload(app: &App, session: &str, lang: &str, csv: &str) -> (u16, String) {
    let part = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("catalogue.csv").mime_str("text/csv").unwrap();
    let r = app
        .client
        .post(app.url("/catalogue/import"))
        .header("cookie", format!("pronto_session={session}"))
        .header("origin", app.base().trim_end_matches('/'))
        .header("accept", "text/html")
        .header("accept-language", lang)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    if status == 303 {
        let to = r.headers()["location"].to_str().unwrap().to_owned();
        let (s, html, _) = page(app, Method::GET, &to, session, lang, None).await;
        return (s, html);
    }
    (status, r.text().await.unwrap())
}
