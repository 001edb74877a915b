//! The questionnaire library at start-up: refused when broken, published versions immutable.

use senda_tests::{AssessmentsCopy, TestApp, TestDatabase};
use server::AppState;

fn any_addr() -> std::net::SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_refuses_to_start_on_a_broken_catalog_and_says_where() {
    let database = TestDatabase::create().await;
    let assessments = AssessmentsCopy::new();
    assessments.edit("requirements.toml", "severity = \"critical\"", "severity = \"catastrophic\"");
    let Err(error) = AppState::prepare(database.settings(any_addr(), assessments.path.clone())).await else {
        panic!("a broken catalog must stop the start-up");
    };
    let message = format!("{error:#}");
    assert!(message.contains("requirements.toml:"), "{message}");
    assert!(message.contains("catastrophic"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_version_whose_file_changed_is_refused_with_a_way_forward() {
    let database = TestDatabase::create().await;
    let assessments = AssessmentsCopy::new();
    let settings = || database.settings(any_addr(), assessments.path.clone());

    let first = AppState::prepare(settings()).await.expect("first start records the published hash");
    first.store.close().await;

    assessments.edit("questionnaires/agro-laboral/1.toml", "text = { es = \"", "text = { es = \"¿Cambiado? ");
    let Err(error) = AppState::prepare(settings()).await else {
        panic!("a changed published file must be refused");
    };
    let message = format!("{error:#}");
    assert!(message.contains("agro-laboral version 1 was published"), "{message}");
    // Version 3 exists already: the next free number is 4.
    assert!(message.contains("questionnaires/agro-laboral/4.toml"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unchanged_library_starts_again_and_again() {
    let database = TestDatabase::create().await;
    let assessments = AssessmentsCopy::new();
    for _ in 0..2 {
        let state = AppState::prepare(database.settings(any_addr(), assessments.path.clone())).await.unwrap();
        assert!(state.library.latest_published("agro-laboral").is_some());
        state.store.close().await;
    }
}

/// A database that recorded version 1 while it was published takes its retirement (the one line
/// that changed) and records it, where any other change to the file is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_version_can_be_retired_but_not_edited() {
    let database = TestDatabase::create().await;
    let while_published = AssessmentsCopy::with_version_1_published();
    let state = AppState::prepare(database.settings(any_addr(), while_published.path.clone())).await.unwrap();
    state.store.close().await;

    let retired = AssessmentsCopy::new();
    let state = AppState::prepare(database.settings(any_addr(), retired.path.clone())).await.unwrap();
    let listed: Vec<u32> =
        state.store.published_questionnaires().await.unwrap().iter().map(|q| q.version).collect();
    assert_eq!(listed, [3], "version 1 is recorded retired");
    state.store.close().await;

    // Retired is final: published again, it is refused.
    let brought_back = AssessmentsCopy::with_version_1_published();
    let refused = AppState::prepare(database.settings(any_addr(), brought_back.path.clone())).await;
    assert!(refused.is_err(), "a retired version brought back is refused");

    retired.edit("questionnaires/agro-laboral/1.toml", "¿", "¿(Revisado) ");
    let refused = AppState::prepare(database.settings(any_addr(), retired.path.clone())).await;
    let message = refused.err().expect("an edited retired version is refused").to_string();
    assert!(message.contains("agro-laboral version 1 was published"), "{message}");
}

/// A draft may change at every start and then be published; a published version turned back
/// into a draft, to be edited, is refused — the status the database recorded decides.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_may_be_published_but_a_published_version_never_becomes_a_draft_again() {
    let database = TestDatabase::create().await;
    let assessments = AssessmentsCopy::new();
    let draft = |text: &str| {
        text.replacen("version = 3", "version = 4", 1).replacen(
            "status = \"published\"",
            "status = \"draft\"",
            1,
        )
    };
    let third = std::fs::read_to_string(assessments.path.join("questionnaires/agro-laboral/3.toml")).unwrap();
    let fourth = assessments.path.join("questionnaires/agro-laboral/4.toml");
    std::fs::write(&fourth, draft(&third)).unwrap();
    let prepare = || AppState::prepare(database.settings(any_addr(), assessments.path.clone()));
    prepare().await.expect("a draft loads").store.close().await;
    std::fs::write(&fourth, draft(&third).replacen("¿", "¿(Borrador) ", 1)).unwrap();
    prepare().await.expect("a draft changes at will").store.close().await;
    let published = draft(&third).replacen("¿", "¿(Publicada) ", 1).replacen(
        "status = \"draft\"",
        "status = \"published\"",
        1,
    );
    std::fs::write(&fourth, &published).unwrap();
    let state = prepare().await.expect("a changed draft is published");
    let listed: Vec<u32> =
        state.store.published_questionnaires().await.unwrap().iter().map(|q| q.version).collect();
    assert!(listed.contains(&4), "{listed:?}");
    state.store.close().await;

    let unpublished = published.replacen("status = \"published\"", "status = \"draft\"", 1).replacen(
        "¿",
        "¿(Otra vez) ",
        1,
    );
    std::fs::write(&fourth, unpublished).unwrap();
    let refused = prepare().await.err().expect("a published version made a draft again is refused");
    assert!(refused.to_string().contains("agro-laboral version 4 was published"), "{refused}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_published_questionnaires_are_loaded_into_the_database_and_listed_on_a_page() {
    let app = senda_tests::TestApp::spawn().await;
    let published = app.store.published_questionnaires().await.unwrap();
    assert_eq!(published.len(), 1, "the retired version 1 is not listed: {published:?}");
    assert_eq!((published[0].id.as_str(), published[0].version), ("agro-laboral", 3));
    assert!(published[0].questions >= 150);

    let page = app.get("/cuestionarios", None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Autoevaluación laboral para empresas agrícolas"));
    assert!(page.body.contains(&format!(r#"<td data-label="Preguntas">{}</td>"#, published[0].questions)));
    let english = app.get("/cuestionarios", Some("senda_lang=en")).await;
    assert!(english.body.contains("Labor self-assessment for agricultural companies"));
}

/// The legal values by date are public, in both languages, with their sources — and say plainly
/// where an amount could not be confirmed.
#[tokio::test]
async fn the_legal_values_by_date_are_public_with_their_sources() {
    let app = TestApp::spawn().await;
    let visitor = app.visitor();
    let page = visitor.get("/parametros-legales").await;
    assert_eq!(page.status, 200);
    for expected in [
        "Valores legales por fecha",
        "Jornada ordinaria máxima semanal",
        "del 2027-01-01 al 2027-12-31",
        "46 horas",
        "desde el 2030-01-01",
        "315.04 pesos diarios",
        "https://www.diputados.gob.mx/LeyesBiblio/pdf/CPEUM.pdf",
        "monto no confirmado",
    ] {
        assert!(page.body.contains(expected), "{expected}");
    }
    visitor.get("/idioma/en?volver=/parametros-legales").await;
    let english = visitor.get("/parametros-legales").await.body;
    assert!(
        english.contains("Maximum ordinary working week")
            && english.contains("from 2027-01-01 to 2027-12-31")
    );
    assert!(english.contains("amount not confirmed"));
}
