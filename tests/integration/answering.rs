//! Completing an assessment over HTTP, as the plain forms do it: pinning, conditions, drafts of
//! invalid input, revisions and conflicts, submission and carry-over across versions.

use app::model::assessment::{AssessmentOverview, SectionToAnswer};
use assessments::answers::{AnswerValue, AssessmentStatus, DraftProblem, StoredAnswer, fingerprint};
use assessments::organization::OrganizationKind;
use assessments::questionnaire::{AnswerKind, Questionnaire};
use senda_tests::demo::*;
use senda_tests::{TestApp, Visitor};
use store::answers::{AnswerWrite, SectionChange, TypedAnswer};

/// The demo, and the sugar mill's id.
async fn demo_on(app: TestApp) -> (TestApp, String) {
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    (app, mill)
}

/// Starts an assessment of `company` on `questionnaire` (`id@version`) and returns its id.
async fn start(visitor: &Visitor, company: &str, questionnaire: &str, carry: &str) -> String {
    let reply = post_start(visitor, company, questionnaire, carry, "").await;
    assert_eq!(reply.status, 303, "{reply:?}");
    let location = reply.header("location").expect("a redirect to the new assessment");
    location.strip_prefix("/evaluaciones/").expect("the assessment's page").to_owned()
}

/// The start form's post, with a reference date as typed (empty: today).
async fn post_start(
    visitor: &Visitor,
    company: &str,
    questionnaire: &str,
    carry: &str,
    reference_date: &str,
) -> senda_tests::Reply {
    let fields = [("questionnaire", questionnaire), ("carry", carry), ("referencia", reference_date)];
    visitor.post_form(&format!("/empresas/{company}/evaluaciones"), &fields).await
}

async fn section(visitor: &Visitor, assessment: &str, section: &str) -> SectionToAnswer {
    let reply =
        visitor.call("assessments/section", &[("assessment_id", assessment), ("section_id", section)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("a section")
}

async fn overview(visitor: &Visitor, assessment: &str) -> AssessmentOverview {
    let reply = visitor.call("assessments/overview", &[("assessment_id", assessment)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("an overview")
}

/// The fields a section's form posts when the person changes `changes` (question id, values)
/// and leaves every other question as the page showed it.
fn form_of(page: &SectionToAnswer, changes: &[(&str, &[&str])]) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for id in &page.applicable {
        let saved = page.answers.iter().find(|a| &a.question_id == id);
        let shown = saved.and_then(|a| a.value.as_ref()).map(AnswerValue::as_form_values).unwrap_or_default();
        let values: Vec<String> = match changes.iter().find(|(changed, _)| changed == id) {
            Some((_, values)) => values.iter().map(|v| (*v).to_owned()).collect(),
            None => shown,
        };
        fields.extend(values.into_iter().map(|v| (format!("a.{id}"), v)));
        fields.push((format!("n.{id}"), saved.map(|a| a.note.clone()).unwrap_or_default()));
        fields.push((format!("e.{id}"), saved.map(|a| a.evidence.clone()).unwrap_or_default()));
        fields.push((format!("r.{id}"), saved.map_or(0, |a| a.revision).to_string()));
        let fingerprint = saved.map_or_else(|| fingerprint(None, "", ""), StoredAnswer::fingerprint);
        fields.push((format!("f.{id}"), fingerprint));
    }
    fields
}

async fn post(visitor: &Visitor, path: &str, fields: &[(String, String)]) -> senda_tests::Reply {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    visitor.post_form(path, &fields).await
}

/// Saves `changes` in a section as its form does; returns where the server sent the person.
async fn save(visitor: &Visitor, assessment: &str, section_id: &str, changes: &[(&str, &[&str])]) -> String {
    let page = section(visitor, assessment, section_id).await;
    let reply = post(
        visitor,
        &format!("/evaluaciones/{assessment}/secciones/{section_id}"),
        &form_of(&page, changes),
    )
    .await;
    assert_eq!(reply.status, 303, "{reply:?}");
    reply.header("location").unwrap().to_owned()
}

fn answer<'a>(page: &'a SectionToAnswer, question: &str) -> Option<&'a StoredAnswer> {
    page.answers.iter().find(|a| a.question_id == question)
}

/// A first possible answer for every question that applies, section by section, with the
/// profile answered "no" wherever it can be, so few conditional questions apply.
async fn answer_everything(visitor: &Visitor, assessment: &str, questionnaire: &Questionnaire) {
    // Twice: an answer can show a question of its own section ("any complaints?" → "what
    // happened with them?"), which applies only once the first is saved.
    for section_of in questionnaire.sections.iter().chain(&questionnaire.sections) {
        let page = section(visitor, assessment, &section_of.id.to_string()).await;
        let changes: Vec<(String, Vec<String>)> = section_of
            .questions
            .iter()
            .filter(|q| page.applicable.contains(&q.id.to_string()))
            .map(|q| {
                let value = match &q.answer {
                    AnswerKind::YesNoPartial { .. } if section_of.profile => "no".to_owned(),
                    AnswerKind::YesNoPartial { .. } => "yes".to_owned(),
                    AnswerKind::SingleChoice { options } | AnswerKind::MultipleChoice { options } => {
                        options[0].value.clone()
                    }
                    AnswerKind::Number { min, .. } => min.unwrap_or(0.0).max(15.0).to_string(),
                    AnswerKind::Date { .. } => "2026-11-01".to_owned(),
                    AnswerKind::Text { .. } => "Respuesta".to_owned(),
                };
                (q.id.to_string(), vec![value])
            })
            .collect();
        let changes: Vec<(&str, Vec<&str>)> = changes
            .iter()
            .map(|(id, values)| (id.as_str(), values.iter().map(String::as_str).collect()))
            .collect();
        let changes: Vec<(&str, &[&str])> =
            changes.iter().map(|(id, values)| (*id, values.as_slice())).collect();
        let location = save(visitor, assessment, &section_of.id.to_string(), &changes).await;
        assert!(location.ends_with("?guardado=1"), "{} did not save: {location}", section_of.id);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_assessment_is_pinned_to_its_version_and_listed_with_its_progress() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    let overview = overview(&member, &id).await;
    assert_eq!(
        (overview.header.questionnaire_id.as_str(), overview.header.questionnaire_version),
        ("agro-laboral", 3)
    );
    assert_eq!(overview.header.status, AssessmentStatus::InProgress);
    assert_eq!(overview.overall.answered, 0);
    assert!(overview.sections[0].profile, "the profile comes first");

    let page = member.get(&format!("/empresas/{mill}")).await;
    assert!(page.body.contains(&format!("/evaluaciones/{id}")), "the company page lists it");
    // A retired version cannot be started, nor one that does not exist.
    for retired_or_unknown in ["agro-laboral@1", "agro-laboral@9"] {
        let reply = member
            .post_form(
                &format!("/empresas/{mill}/evaluaciones"),
                &[("questionnaire", retired_or_unknown), ("carry", "")],
            )
            .await;
        assert_eq!(reply.status, 404, "{retired_or_unknown}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conditional_questions_follow_the_saved_profile() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    let seasonal_contract = "contratacion.contrato-campo".to_owned();

    save(&member, &id, "perfil", &[("perfil.temporales", &["no"])]).await;
    assert!(!section(&member, &id, "contratacion").await.applicable.contains(&seasonal_contract));

    let location = save(&member, &id, "perfil", &[("perfil.temporales", &["yes"])]).await;
    assert_eq!(location, format!("/evaluaciones/{id}/secciones/perfil?guardado=1"));
    assert!(section(&member, &id, "contratacion").await.applicable.contains(&seasonal_contract));
    let html = member.get(&format!("/evaluaciones/{id}/secciones/contratacion")).await;
    assert!(html.body.contains("id=\"q-contratacion.contrato-campo\""), "rendered without JavaScript");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_is_kept_as_a_draft_with_its_reason_and_nothing_else_is_lost() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    let location = save(
        &member,
        &id,
        "trabajo-infantil",
        &[("trabajo-infantil.edad-minima", &["catorce"]), ("trabajo-infantil.verificacion-edad", &["yes"])],
    )
    .await;
    assert_eq!(
        location,
        format!("/evaluaciones/{id}/secciones/trabajo-infantil?problemas=1#q-trabajo-infantil.edad-minima")
    );

    let page = section(&member, &id, "trabajo-infantil").await;
    assert!(answer(&page, "trabajo-infantil.verificacion-edad").is_some(), "the valid answer was saved");
    assert!(answer(&page, "trabajo-infantil.edad-minima").is_none());
    let draft = &page.drafts[0];
    assert_eq!(
        (draft.values.as_slice(), draft.problem),
        (&["catorce".to_owned()][..], DraftProblem::Invalid(assessments::answers::AnswerProblem::NotANumber))
    );
    let html = member.get(&format!("/evaluaciones/{id}/secciones/trabajo-infantil?problemas=1")).await;
    assert!(html.body.contains("value=\"catorce\""), "what was typed is still in the form");
    assert!(html.body.contains("Escriba un número"), "the reason is said in Spanish");

    // A draft is its author's alone.
    let admin = app.signed_in(MILL_ADMIN).await;
    assert!(section(&admin, &id, "trabajo-infantil").await.drafts.is_empty());

    // Fixed, it saves and the draft goes.
    save(&member, &id, "trabajo-infantil", &[("trabajo-infantil.edad-minima", &["15"])]).await;
    let page = section(&member, &id, "trabajo-infantil").await;
    assert_eq!(answer(&page, "trabajo-infantil.edad-minima").unwrap().value, Some(AnswerValue::Number(15.0)));
    assert!(page.drafts.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_from_an_old_revision_is_refused_and_both_values_are_shown() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let (admin, member) = (app.signed_in(MILL_ADMIN).await, app.signed_in(MILL_MEMBER).await);
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    let path = format!("/evaluaciones/{id}/secciones/codigo");
    // Both open the section before either saves.
    let seen_by_admin = section(&admin, &id, "codigo").await;
    let seen_by_member = section(&member, &id, "codigo").await;

    let first = post(&admin, &path, &form_of(&seen_by_admin, &[("codigo.politica-escrita", &["yes"])])).await;
    assert!(first.header("location").unwrap().ends_with("?guardado=1"));
    let second = post(
        &member,
        &path,
        &form_of(&seen_by_member, &[("codigo.politica-escrita", &["no"]), ("codigo.difusion", &["partial"])]),
    )
    .await;
    assert!(
        second.header("location").unwrap().contains("?problemas=1#q-codigo.politica-escrita"),
        "{second:?}"
    );

    let page = section(&member, &id, "codigo").await;
    assert_eq!(
        answer(&page, "codigo.politica-escrita").unwrap().value,
        Some(AnswerValue::Choice("yes".into())),
        "not overwritten"
    );
    assert_eq!(
        answer(&page, "codigo.difusion").unwrap().value,
        Some(AnswerValue::Choice("partial".into())),
        "the rest saved"
    );
    assert_eq!(page.drafts[0].problem, DraftProblem::Conflict);
    let html = member.get(&path).await;
    assert!(html.body.contains("Otra persona guardó esta respuesta"), "the conflict is explained");
    assert!(html.body.contains("conflict__theirs\">Sí<"), "their value is shown");
    assert!(html.body.contains("value=\"no\" checked"), "and mine is in the form");

    // An untouched question in a stale form does not overwrite someone else's save.
    let stale = section(&admin, &id, "codigo").await;
    save(&member, &id, "codigo", &[("codigo.difusion", &["no"])]).await;
    post(&admin, &path, &form_of(&stale, &[])).await;
    let page = section(&admin, &id, "codigo").await;
    assert_eq!(answer(&page, "codigo.difusion").unwrap().value, Some(AnswerValue::Choice("no".into())));

    // Saving again, knowingly, keeps mine.
    save(&member, &id, "codigo", &[("codigo.politica-escrita", &["no"])]).await;
    let page = section(&member, &id, "codigo").await;
    assert_eq!(
        answer(&page, "codigo.politica-escrita").unwrap().value,
        Some(AnswerValue::Choice("no".into()))
    );
    assert!(page.drafts.is_empty());
}

/// Asserts that each question's saved answer on `page` is the choice given.
fn assert_choices(page: &SectionToAnswer, expected: &[(&str, &str)]) {
    for (question, value) in expected {
        let saved = answer(page, question).and_then(|a| a.value.clone());
        assert_eq!(saved, Some(AnswerValue::Choice((*value).into())), "{question}");
    }
}

/// A section's answers save together: a conflict amid them is that answer's alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conflict_amid_a_sections_answers_keeps_that_one_as_a_draft_and_saves_the_rest() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let (admin, member) = (app.signed_in(MILL_ADMIN).await, app.signed_in(MILL_MEMBER).await);
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    let seen_by_member = section(&member, &id, "codigo").await;
    save(&admin, &id, "codigo", &[("codigo.difusion", &["yes"])]).await;

    // The first and the last are new; the one between them was saved meanwhile.
    let changes: [(&str, &[&str]); 3] = [
        ("codigo.politica-escrita", &["yes"]),
        ("codigo.difusion", &["no"]),
        ("codigo.trabajo-libre", &["no"]),
    ];
    let reply =
        post(&member, &format!("/evaluaciones/{id}/secciones/codigo"), &form_of(&seen_by_member, &changes))
            .await;
    assert!(reply.header("location").unwrap().contains("?problemas=1#q-codigo.difusion"), "{reply:?}");

    let page = section(&member, &id, "codigo").await;
    assert_choices(
        &page,
        &[("codigo.politica-escrita", "yes"), ("codigo.difusion", "yes"), ("codigo.trabajo-libre", "no")],
    );
    let drafts: Vec<_> = page.drafts.iter().map(|d| (d.question_id.as_str(), d.problem)).collect();
    assert_eq!(drafts, [("codigo.difusion", DraftProblem::Conflict)]);

    // Sending their value, now seen, keeps it as saved and lets the draft go.
    let seen_again = section(&member, &id, "codigo").await;
    post(
        &member,
        &format!("/evaluaciones/{id}/secciones/codigo"),
        &form_of(&seen_again, &[("codigo.difusion", &["yes"])]),
    )
    .await;
    assert!(section(&member, &id, "codigo").await.drafts.is_empty());

    // The page above caught the conflict before writing; the store's compare-and-set catches the
    // one that lands between reading and writing, amid the same transaction's other answers, and
    // keeps what was typed as the draft in that same transaction.
    let account = app.store.account_by_email(MILL_MEMBER).await.unwrap().unwrap();
    let viewer = app.store.viewer(account.id).await.unwrap().unwrap();
    let (yes, no) = (AnswerValue::Choice("yes".into()), AnswerValue::Choice("no".into()));
    let typed = TypedAnswer { values: &["no".to_owned()], note: "", evidence: "" };
    let save = |question_id, value, base_revision, typed| SectionChange::Save {
        write: AnswerWrite {
            question_id,
            value: Some(value),
            note: "",
            evidence: "",
            base_revision,
            from_paper: false,
        },
        typed,
    };
    let changes = [
        save("codigo.politica-escrita", &no, 1, None),
        save("codigo.difusion", &no, 0, Some(typed)),
        save("codigo.trabajo-libre", &yes, 1, None),
    ];
    let assessment = id.parse().unwrap();
    let conflicts = app.store.save_section(&viewer, assessment, &changes).await.unwrap();
    assert_eq!(conflicts, ["codigo.difusion"]);
    let page = section(&member, &id, "codigo").await;
    assert_choices(
        &page,
        &[("codigo.politica-escrita", "no"), ("codigo.difusion", "yes"), ("codigo.trabajo-libre", "yes")],
    );
    let drafts: Vec<_> = page.drafts.iter().map(|d| (d.question_id.as_str(), d.problem)).collect();
    assert_eq!(drafts, [("codigo.difusion", DraftProblem::Conflict)]);
}

/// A section's answers and drafts save together: a database failure amid them keeps none, not
/// the ones before it, and the browser hears only that something went wrong.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_amid_a_sections_answers_saves_none_of_them() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    save(&member, &id, "codigo", &[("codigo.politica-escrita", &["yes"])]).await;
    let seen = section(&member, &id, "codigo").await;
    refuse_inserts(&app, "answers", "codigo.difusion").await;

    // A change to a saved answer, an invalid one kept as a draft, then the answer the database
    // refuses, then a new one.
    let changes: [(&str, &[&str]); 4] = [
        ("codigo.politica-escrita", &["no"]),
        ("codigo.politica-infantil", &["quizá"]),
        ("codigo.difusion", &["yes"]),
        ("codigo.trabajo-libre", &["no"]),
    ];
    let reply =
        post(&member, &format!("/evaluaciones/{id}/secciones/codigo"), &form_of(&seen, &changes)).await;
    assert_eq!(reply.status, 500, "{reply:?}");
    assert!(!reply.body.contains("refused for the test"), "the database's words stay in the log");

    let page = section(&member, &id, "codigo").await;
    assert_choices(&page, &[("codigo.politica-escrita", "yes")]);
    for question in ["codigo.politica-infantil", "codigo.difusion", "codigo.trabajo-libre"] {
        assert_eq!(answer(&page, question).and_then(|a| a.value.clone()), None, "{question}");
    }
    assert!(page.drafts.is_empty(), "{:?}", page.drafts);
}

/// Makes the database refuse to insert a row of `table` (answers, answer_drafts) for
/// `question_id`, as a full disk or a broken constraint would, in the middle of whatever
/// transaction writes it.
async fn refuse_inserts(app: &TestApp, table: &str, question_id: &str) {
    let sql = if app.database.is_postgres() {
        format!(
            "CREATE FUNCTION refuse_for_the_test() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$; \
             CREATE TRIGGER refuse_for_the_test BEFORE INSERT ON {table} FOR EACH ROW \
             WHEN (NEW.question_id = '{question_id}') EXECUTE FUNCTION refuse_for_the_test()"
        )
    } else {
        format!(
            "CREATE TRIGGER refuse_for_the_test BEFORE INSERT ON {table} \
             WHEN NEW.question_id = '{question_id}' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
        )
    };
    app.database.execute(&sql).await;
}

/// A draft the database refuses undoes the answers saved before it in the same post: the
/// answers and the drafts of a section are one write.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_the_database_refuses_undoes_the_answers_saved_with_it() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    save(&member, &id, "codigo", &[("codigo.politica-escrita", &["yes"])]).await;
    let seen = section(&member, &id, "codigo").await;
    refuse_inserts(&app, "answer_drafts", "codigo.difusion").await;

    // A valid change, then a value no question takes, which must be kept as a draft.
    let changes: [(&str, &[&str]); 2] =
        [("codigo.politica-escrita", &["no"]), ("codigo.difusion", &["quizá"])];
    let reply =
        post(&member, &format!("/evaluaciones/{id}/secciones/codigo"), &form_of(&seen, &changes)).await;
    assert_eq!(reply.status, 500, "{reply:?}");

    let page = section(&member, &id, "codigo").await;
    assert_choices(&page, &[("codigo.politica-escrita", "yes")]);
    assert!(page.drafts.is_empty(), "{:?}", page.drafts);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeping_the_saved_answer_lets_the_draft_go() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let (admin, member) = (app.signed_in(MILL_ADMIN).await, app.signed_in(MILL_MEMBER).await);
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    let seen = section(&member, &id, "codigo").await;
    save(&admin, &id, "codigo", &[("codigo.politica-escrita", &["yes"])]).await;
    post(
        &member,
        &format!("/evaluaciones/{id}/secciones/codigo"),
        &form_of(&seen, &[("codigo.politica-escrita", &["no"])]),
    )
    .await;
    assert_eq!(section(&member, &id, "codigo").await.drafts.len(), 1);

    let reply = member
        .post_form(&format!("/evaluaciones/{id}/borradores/codigo.politica-escrita/descartar"), &[])
        .await;
    assert_eq!(
        reply.header("location"),
        Some(format!("/evaluaciones/{id}/secciones/codigo#q-codigo.politica-escrita").as_str())
    );
    let page = section(&member, &id, "codigo").await;
    assert!(page.drafts.is_empty());
    assert_eq!(
        answer(&page, "codigo.politica-escrita").unwrap().value,
        Some(AnswerValue::Choice("yes".into()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_complete_assessment_is_submitted_and_then_it_is_read_only_until_returned() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    let refused = member.post_form(&format!("/evaluaciones/{id}/enviar"), &[]).await;
    assert_eq!(refused.header("location"), Some(format!("/evaluaciones/{id}?error=incomplete").as_str()));
    let html = member.get(&format!("/evaluaciones/{id}?error=incomplete")).await;
    assert!(html.body.contains("#q-perfil.sector"), "what is missing is listed with a link to it");

    let questionnaire = app.store.questionnaire("agro-laboral", 3).await.unwrap().unwrap();
    answer_everything(&member, &id, &questionnaire).await;
    let overview_before = overview(&member, &id).await;
    assert!(overview_before.missing.is_empty(), "{:?}", overview_before.missing);
    assert_eq!(overview_before.overall.answered, overview_before.overall.applicable);

    let submitted = member.post_form(&format!("/evaluaciones/{id}/enviar"), &[]).await;
    assert_eq!(submitted.header("location"), Some(format!("/evaluaciones/{id}").as_str()));
    assert_eq!(overview(&member, &id).await.header.status, AssessmentStatus::Submitted);

    // Read-only: a save changes nothing, and the form is disabled.
    save(&member, &id, "codigo", &[("codigo.politica-escrita", &["no"])]).await;
    let page = section(&member, &id, "codigo").await;
    assert!(!page.editable);
    assert_eq!(
        answer(&page, "codigo.politica-escrita").unwrap().value,
        Some(AnswerValue::Choice("yes".into()))
    );
    let html = member.get(&format!("/evaluaciones/{id}/secciones/codigo")).await.body;
    assert!(html.contains("<fieldset disabled class=\"answers__all\">"), "the form is read-only");

    // A member does not return it; the company's admin does.
    assert_eq!(member.post_form(&format!("/evaluaciones/{id}/devolver"), &[]).await.status, 404);
    let admin = app.signed_in(MILL_ADMIN).await;
    let returned = admin.post_form(&format!("/evaluaciones/{id}/devolver"), &[]).await;
    assert_eq!(returned.status, 303);
    assert!(section(&member, &id, "codigo").await.editable);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_carry_over_to_a_new_version_and_changed_questions_are_marked_for_review() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    // The demo's submitted assessment, of version 1.
    let first = app.demo_assessment(mill.parse().unwrap()).await.to_string();
    let committee =
        |page: &app::model::assessment::SectionToAnswer| answer(page, "seguridad-salud.comision").cloned();
    let before =
        committee(&section(&member, &first, "seguridad-salud").await).expect("answered in version 1");

    let second = start(&member, &mill, "agro-laboral@3", &first).await;
    let overview = overview(&member, &second).await;
    assert_eq!(overview.header.questionnaire_version, 3);
    assert_eq!(overview.header.carried_from.map(|id| id.to_string()), Some(first.clone()));
    assert!(overview.to_review > 0, "version 3 rewords questions");
    // A question asked in the same words carries as it was; a reworded one is marked.
    let safety = section(&member, &second, "seguridad-salud").await;
    let carried = committee(&safety).expect("carried");
    assert_eq!((carried.value, carried.needs_review), (before.value, false));
    assert!(answer(&safety, "seguridad-salud.maquinaria").unwrap().needs_review, "reworded");
    assert!(answer(&safety, "seguridad-salud.tabaco-verde").is_none(), "new in version 3");
    let wages = section(&member, &second, "salarios").await;
    assert!(answer(&wages, "salarios.minimo").unwrap().needs_review);
    let html = member.get(&format!("/evaluaciones/{second}/secciones/salarios")).await;
    assert!(html.body.contains("Esta pregunta cambió"), "the page says so");

    // Saving the reviewed answer clears the mark; the first assessment is untouched.
    save(&member, &second, "salarios", &[("salarios.minimo", &["partial"])]).await;
    let wages = section(&member, &second, "salarios").await;
    assert!(!answer(&wages, "salarios.minimo").unwrap().needs_review);
    assert_eq!(section(&member, &first, "salarios").await.header.questionnaire_version, 1);

    // Only the company's own assessments carry.
    let tobacco = app.signed_in(TOBACCO_MEMBER).await;
    let tobacco_id = app.organization_id(OrganizationKind::Company, TOBACCO).await.to_string();
    let reply = tobacco
        .post_form(
            &format!("/empresas/{tobacco_id}/evaluaciones"),
            &[("questionnaire", "agro-laboral@3"), ("carry", &first)],
        )
        .await;
    assert_eq!(reply.status, 404);
}

/// Posts a section's form as a browser does, multipart, with one file for `question`.
async fn post_with_file(
    visitor: &Visitor,
    path: &str,
    fields: &[(String, String)],
    question: &str,
    file_name: &str,
    content: &[u8],
) -> senda_tests::Reply {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in fields {
        form = form.text(name.clone(), value.clone());
    }
    let part = reqwest::multipart::Part::bytes(content.to_vec()).file_name(file_name.to_owned());
    form = form.part(format!("u.{question}"), part);
    visitor.post_multipart(path, form).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_files_are_checked_kept_and_served_only_to_those_who_see_the_answers() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    let path = format!("/evaluaciones/{id}/secciones/codigo");
    let question = "codigo.politica-escrita";
    let pdf = b"%PDF-1.4\n% Politica laboral firmada\n%%EOF\n";

    let page = section(&member, &id, "codigo").await;
    let reply = post_with_file(
        &member,
        &path,
        &form_of(&page, &[(question, &["yes"])]),
        question,
        "C:\\Política laboral.pdf",
        pdf,
    )
    .await;
    assert!(reply.header("location").unwrap().ends_with("?guardado=1"), "{reply:?}");
    let page = section(&member, &id, "codigo").await;
    assert_eq!(
        answer(&page, question).unwrap().value,
        Some(AnswerValue::Choice("yes".into())),
        "the answer saved with it"
    );
    let file = page.files.first().expect("the file is attached");
    assert_eq!((file.file_name.as_str(), file.size_bytes), ("Política laboral.pdf", pdf.len() as u64));

    let download = format!("/evaluaciones/{id}/evidencias/{}", file.id);
    let got = member.get(&download).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body.as_bytes(), pdf);
    assert_eq!(got.header("content-type"), Some("application/pdf"));
    assert_eq!(got.header("x-content-type-options"), Some("nosniff"));
    assert!(got.header("content-disposition").unwrap().starts_with("attachment;"));

    // Not a PDF, whatever its name says: refused, and said next to the question.
    let page = section(&member, &id, "codigo").await;
    let refused =
        post_with_file(&member, &path, &form_of(&page, &[]), question, "nomina.pdf", b"<html><script>").await;
    assert_eq!(
        refused.header("location"),
        Some(format!("{path}?archivo=kind&pregunta={question}#q-{question}").as_str())
    );
    assert_eq!(section(&member, &id, "codigo").await.files.len(), 1);
    let html = member.get(&format!("{path}?archivo=kind&pregunta={question}")).await;
    assert!(html.body.contains("solo se aceptan PDF"), "the reason is shown");

    // Others: nothing; the advisor: the file, and the download is in the company's log.
    for who in [TOBACCO_ADMIN, ASSOCIATION_ADMIN] {
        let visitor = app.signed_in(who).await;
        let reply = visitor.get(&download).await;
        assert_eq!(reply.status, 404, "{who} downloaded the evidence");
        assert!(!reply.body.contains("Politica"));
    }
    let advisor = app.signed_in(ADVISOR).await;
    assert_eq!(advisor.get(&download).await.body.as_bytes(), pdf);
    assert_eq!(
        advisor.post_form(&format!("{download}/quitar"), &[]).await.status,
        404,
        "an advisor removes nothing"
    );
    let admin = app.signed_in(MILL_ADMIN).await;
    let log = admin.call("companies/audit-log", &[("company_id", &mill)]).await;
    assert!(
        log.body.contains("OutsiderExported") && log.body.contains("Política laboral.pdf"),
        "{}",
        log.body
    );

    // Its own people remove it.
    let removed = member.post_form(&format!("{download}/quitar"), &[]).await;
    assert_eq!(removed.header("location"), Some(format!("{path}#q-{question}").as_str()));
    assert!(section(&member, &id, "codigo").await.files.is_empty());
    assert_eq!(member.get(&download).await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_evidence_file_over_the_size_limit_is_refused_and_the_answers_still_save() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    let path = format!("/evaluaciones/{id}/secciones/codigo");
    let question = "codigo.politica-escrita";
    let mut too_large = b"%PDF-1.4\n".to_vec();
    too_large.resize(assessments::evidence::MAX_FILE_BYTES + 1, b' ');

    let page = section(&member, &id, "codigo").await;
    let reply = post_with_file(
        &member,
        &path,
        &form_of(&page, &[(question, &["partial"])]),
        question,
        "acta.pdf",
        &too_large,
    )
    .await;
    assert_eq!(
        reply.header("location"),
        Some(format!("{path}?archivo=too_large&pregunta={question}#q-{question}").as_str())
    );
    let page = section(&member, &id, "codigo").await;
    assert!(page.files.is_empty());
    assert_eq!(answer(&page, question).unwrap().value, Some(AnswerValue::Choice("partial".into())));
}

/// The same published version, started for a 2026 season and for a 2027 one: each reads the law
/// of its own reference date — in its questions, its score, its report and its PDF.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_assessment_reads_the_law_in_force_on_its_reference_date() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let started = |reference: &'static str| {
        let (member, mill) = (&member, &mill);
        async move {
            let reply = post_start(member, mill, "agro-laboral@3", "", reference).await;
            assert_eq!(reply.status, 303, "{reply:?}");
            reply.header("location").unwrap().trim_start_matches("/evaluaciones/").to_owned()
        }
    };
    let (season_2026, season_2027) = (started("2026-11-30").await, started("2027-05-31").await);
    assert_eq!(overview(&member, &season_2027).await.header.reference_date.to_string(), "2027-05-31");

    // The same 47-hour week: within 2026's 48 hours, beyond 2027's 46.
    for id in [&season_2026, &season_2027] {
        save(
            &member,
            id,
            "jornada",
            &[
                ("salarios.horas-semana", &["47"]),
                ("jornada.horas-extra-semana", &["5"]),
                ("jornada.jornada-diaria", &["10"]),
                ("salarios.horas-extra", &["yes"]),
            ],
        )
        .await;
    }
    for id in [&season_2026, &season_2027] {
        let saved = answer(&section(&member, id, "jornada").await, "salarios.horas-semana")
            .and_then(|a| a.value.clone());
        assert_eq!(saved, Some(AnswerValue::Number(47.0)), "saved in both");
    }
    let hours_gap = |report: &app::model::report::GapReport| {
        report.gaps.iter().any(|gap| gap.causes.iter().any(|c| c.question_id == "salarios.horas-semana"))
    };
    let report = |id: &str| {
        let (member, id) = (&member, id.to_owned());
        async move {
            let reply = member.call("assessments/gap-report", &[("assessment_id", &id)]).await;
            serde_json::from_str::<app::model::report::GapReport>(&reply.body).expect("a gap report")
        }
    };
    let (report_2026, report_2027) = (report(&season_2026).await, report(&season_2027).await);
    assert!(!hours_gap(&report_2026), "47 hours are within the 2026 limit");
    let jornada = |report: &app::model::report::GapReport| {
        report.met.iter().any(|m| m.citation.requirement_id == "JORNADA-2026")
    };
    assert!(jornada(&report_2026) && !jornada(&report_2027), "met in 2026 (scored, compliant), not in 2027");
    assert!(hours_gap(&report_2027), "47 hours exceed the 2027 limit");
    let week = |report: &app::model::report::GapReport| {
        report
            .parameters
            .iter()
            .find(|v| v.name == "jornada-maxima-semanal")
            .map(|v| (v.value, v.from.to_string()))
    };
    assert_eq!(week(&report_2026), Some((48.0, "2025-01-01".to_owned())));
    assert_eq!(week(&report_2027), Some((46.0, "2027-01-01".to_owned())));

    // The question's words say the figure of the date.
    let minimum = section(&member, &season_2027, "salarios").await;
    let question = minimum.section.questions.iter().find(|q| q.id == "salarios.minimo").unwrap();
    assert!(question.text.spanish().contains("315.04 pesos diarios"), "{}", question.text.spanish());
    let html = member.get(&format!("/evaluaciones/{season_2027}/brechas")).await.body;
    let page = senda_tests::visible_text(&html);
    assert!(page.contains("Fecha de referencia 2027-05-31"), "the report states its reference date");
    assert!(
        page.contains("Jornada ordinaria máxima semanal: 46 horas (del 2027-01-01 al 2027-12-31"),
        "{page}"
    );
    assert!(html.contains("href=\"/parametros-legales\""), "and links every value to its source");
    let (status, pdf) = member.get_bytes(&format!("/evaluaciones/{season_2027}/brechas.pdf")).await;
    assert_eq!(status, 200);
    let (text, _) = senda_tests::read_pdf(&pdf);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Fecha de referencia: 2027-05-31"), "{text}");
    assert!(
        text.contains("Jornada ordinaria máxima semanal: 46 horas (del 2027-01-01 al 2027-12-31"),
        "{text}"
    );
}

/// A reference date that is no date, or one the version cannot be read on, is refused with the
/// reason, the company page keeps what was typed, and no assessment is started.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reference_date_the_version_cannot_be_read_on_is_refused_and_kept() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let count = || async {
        member
            .call("assessments/of-company", &[("company_id", &mill)])
            .await
            .body
            .matches("\"questionnaire_version\"")
            .count()
    };
    let before = count().await;
    // More than two years ahead of whatever today is.
    let too_far = assessments::dates::add_days(chrono::Utc::now().date_naive(), 3 * 366).unwrap().to_string();
    for (typed, code, message) in [
        ("2027-02-31", "reference_date_invalid", "La fecha de referencia no es una fecha"),
        (
            "2024-12-31",
            "reference_date_out_of_range",
            "Esta versión del cuestionario no puede evaluar esa fecha",
        ),
        (
            too_far.as_str(),
            "reference_date_out_of_range",
            "Esta versión del cuestionario no puede evaluar esa fecha",
        ),
    ] {
        let reply = post_start(&member, &mill, "agro-laboral@3", "", typed).await;
        assert_eq!(reply.status, 303, "{reply:?}");
        let back = reply.header("location").unwrap().to_owned();
        assert_eq!(back, format!("/empresas/{mill}?error={code}&referencia={typed}#iniciar"));
        let page = member.get(back.split('#').next().unwrap()).await.body;
        assert!(page.contains(message), "{typed}: the reason is given");
        assert!(page.contains(&format!("value=\"{typed}\"")), "{typed}: what was typed is kept");
    }
    assert_eq!(count().await, before, "nothing was started");
    // The version without legal parameters takes any date up to two years ahead; empty is today.
    let reply = post_start(&member, &mill, "agro-laboral@3", "", "").await;
    assert!(reply.header("location").unwrap().starts_with("/evaluaciones/"), "{reply:?}");
}

/// "I don't know" is an answer to every scored question — a gap until verified, said so on the
/// report — and to no profile question, whose answer decides what is asked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn i_dont_know_is_a_gap_to_verify_and_no_profile_answer() {
    let (app, mill) = demo_on(TestApp::spawn().await).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = start(&member, &mill, "agro-laboral@3", "").await;
    let back = save(&member, &id, "perfil", &[("perfil.temporales", &["dont_know"])]).await;
    assert!(back.contains("problemas=1"), "{back}");
    assert_eq!(
        answer(&section(&member, &id, "perfil").await, "perfil.temporales").and_then(|a| a.value.clone()),
        None
    );

    let refused = save(&member, &id, "jornada", &[("salarios.horas-semana", &["50", "dont_know"])]).await;
    assert!(refused.contains("problemas=1"), "a number and \"I don't know\" together are refused: {refused}");
    for (section_id, question) in [("jornada", "salarios.horas-semana"), ("salarios", "salarios.minimo")] {
        save(&member, &id, section_id, &[(question, &["dont_know"])]).await;
        assert_eq!(
            answer(&section(&member, &id, section_id).await, question).and_then(|a| a.value.clone()),
            Some(AnswerValue::DontKnow),
            "{question}"
        );
    }
    let reply = member.call("assessments/gap-report", &[("assessment_id", &id)]).await;
    let report: app::model::report::GapReport = serde_json::from_str(&reply.body).unwrap();
    let es = assessments::Language::Es;
    let to_verify: Vec<&str> = report
        .gaps
        .iter()
        .flat_map(|gap| &gap.causes)
        .filter(|cause| {
            app::i18n::texts(es).answering.describe(&cause.kind, &cause.answer, es).starts_with("No sé")
        })
        .map(|cause| cause.question_id.as_str())
        .collect();
    assert!(
        to_verify.contains(&"salarios.horas-semana") && to_verify.contains(&"salarios.minimo"),
        "{to_verify:?}"
    );
    let html = member.get(&format!("/evaluaciones/{id}/secciones/salarios")).await.body;
    assert!(html.contains("id=\"a-salarios.minimo-dont_know\""), "a scored question offers it");
    let profile = member.get(&format!("/evaluaciones/{id}/secciones/perfil")).await.body;
    assert!(!profile.contains("-dont_know\""), "a profile question does not");
}
