//! Nothing acknowledged is lost: a real `senda serve` process is killed (SIGKILL, no shutdown)
//! in the middle of a burst of autosaves, started again on the same database, and every save it
//! had answered is there. On SQLite (WAL, `synchronous = NORMAL`: a commit survives the process,
//! though not necessarily a power cut) and on PostgreSQL.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assessments::organization::OrganizationKind;
use senda_tests::demo::{MILL, MILL_MEMBER};
use senda_tests::process::{Served, senda};
use senda_tests::{DEMO_PASSWORD, TestDatabase, shipped_assessments};
use serde_json::{Value, json};

/// What the server answered for one question: its revision and the note saved with it.
type Acknowledged = Arc<Mutex<HashMap<String, (i64, String)>>>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_save_survives_a_killed_server() {
    let database = TestDatabase::create().await;
    let demo = senda(&database).args(["demo"]).env("SENDA_DEMO_PASSWORD", DEMO_PASSWORD).status().unwrap();
    assert!(demo.success(), "senda demo");
    let mut served = Served::start(&database).await;
    let member = served.signed_in(MILL_MEMBER).await;

    let store = server::Store::connect(&database.url).await.unwrap();
    let mill = store.organization_named(OrganizationKind::Company, MILL).await.unwrap().unwrap();
    store.close().await;
    let started = member
        .post(format!("{}/empresas/{mill}/evaluaciones", served.base))
        .form(&[("questionnaire", "agro-laboral@3")])
        .send()
        .await
        .unwrap();
    let assessment =
        started.headers()["location"].to_str().unwrap().trim_start_matches("/evaluaciones/").to_owned();

    // Six writers, one question each, saving again and again until the server dies.
    let library = server::questionnaires::load(&shipped_assessments()).unwrap();
    let questions: Vec<String> = library
        .questionnaire("agro-laboral", 3)
        .unwrap()
        .questionnaire
        .sections
        .iter()
        .find(|section| section.id == "codigo")
        .unwrap()
        .questions
        .iter()
        .take(6)
        .map(|question| question.id.clone())
        .collect();
    let acknowledged: Acknowledged = Arc::default();
    let mut writers = tokio::task::JoinSet::new();
    for question in questions.clone() {
        let (client, url, assessment, acknowledged) = (
            member.clone(),
            format!("{}/api/assessments/autosave", served.base),
            assessment.clone(),
            acknowledged.clone(),
        );
        writers.spawn(async move {
            let (mut revision, mut shown) = (0, assessments::answers::fingerprint(None, "", ""));
            for round in 0.. {
                let note = format!("vuelta {round}");
                let value = ["yes", "partial", "no"][round % 3];
                let fields = [
                    (format!("a.{question}"), value.to_owned()),
                    (format!("n.{question}"), note.clone()),
                    (format!("r.{question}"), revision.to_string()),
                    (format!("f.{question}"), shown.clone()),
                ];
                let body = json!({ "assessment_id": assessment, "section_id": "codigo", "fields": fields });
                let Ok(reply) = client.post(&url).json(&body).send().await else { return };
                let Ok(saved) = reply.json::<Value>().await else { return };
                let line = saved["revisions"]
                    .as_array()
                    .and_then(|r| r.iter().find(|r| r["question_id"] == question.as_str()));
                let line = line.expect("each save is answered with the question's new revision");
                revision = line["revision"].as_i64().unwrap();
                shown = line["shown"].as_str().unwrap().to_owned();
                acknowledged.lock().unwrap().insert(question.clone(), (revision, note));
            }
        });
    }
    // Killed in the middle of the burst, once a good number of saves were answered.
    let deadline = Instant::now() + Duration::from_secs(60);
    while acknowledged.lock().unwrap().values().map(|(revision, _)| revision).sum::<i64>() < 60 {
        assert!(Instant::now() < deadline, "the writers saved too little");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    served.process.kill().unwrap();
    served.process.wait().unwrap();
    writers.join_all().await;
    let acknowledged = acknowledged.lock().unwrap().clone();
    drop(served);

    let served = Served::start(&database).await;
    let member = served.signed_in(MILL_MEMBER).await;
    let section: Value = member
        .post(format!("{}/api/assessments/section", served.base))
        .form(&[("assessment_id", assessment.as_str()), ("section_id", "codigo")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for question in &questions {
        let (revision, note) = &acknowledged[question];
        let stored =
            section["answers"].as_array().unwrap().iter().find(|a| a["question_id"] == question.as_str());
        let stored = stored.unwrap_or_else(|| panic!("{question}: an acknowledged answer is gone"));
        let stored_revision = stored["revision"].as_i64().unwrap();
        // A save in flight at the kill may have committed unanswered: newer is fine, older is loss.
        assert!(
            stored_revision >= *revision,
            "{question}: revision {stored_revision} < acknowledged {revision}"
        );
        if stored_revision == *revision {
            assert_eq!(stored["note"].as_str(), Some(note.as_str()), "{question}");
        }
    }
}
