//! The paper form: what the profile settles, what it leaves as an instruction (`assessments::paper`).

use assessments::answers::{AnswerValue, Answers};
use assessments::loader::{parse_catalog, parse_questionnaire};
use assessments::paper::{PaperForm, paper_form};
use assessments::parameters::LegalParameters;
use assessments::questionnaire::Questionnaire;

const FORM: &str = r#"
id = "papel"
version = 1
status = "published"
title = { es = "Papel" }
intro = { es = "Prueba." }

[due_days]
critical = 30
high = 90
medium = 180
low = 365

[[section]]
id = "perfil"
title = { es = "Perfil" }
profile = true

[[section.question]]
id = "perfil.temporales"
text = { es = "¿Contrata temporales?" }
answer = "yes_no_partial"

[[section]]
id = "temporada"
title = { es = "Temporada" }

[[section.question]]
id = "temporada.contrato"
text = { es = "¿Hay contrato escrito?" }
answer = "yes_no_partial"
show_if = { question = "perfil.temporales", any_of = ["yes", "partial"] }
requirements = ["LFT-22BIS"]
action = { es = "Corrija." }

[[section.question]]
id = "temporada.copia"
text = { es = "¿Recibe cada persona su copia?" }
answer = "yes_no_partial"
show_if = { question = "temporada.contrato", any_of = ["yes"] }
requirements = ["LFT-22BIS"]
action = { es = "Corrija." }

[[section]]
id = "pagos"
title = { es = "Pagos" }

[[section.question]]
id = "pagos.recibo"
text = { es = "¿Entrega recibos de pago?" }
answer = "yes_no_partial"
requirements = ["LFT-22BIS"]
action = { es = "Corrija." }
"#;

fn questionnaire() -> Questionnaire {
    let catalog =
        parse_catalog("requirements.toml", include_str!("../requirements.toml")).expect("the catalog");
    parse_questionnaire("papel/1.toml", FORM, &catalog, &LegalParameters::default())
        .expect("the test form is valid")
}

fn printed(form: &PaperForm<'_>) -> Vec<(u32, String, Option<u32>)> {
    form.questions()
        .map(|q| (q.number, q.question.id.clone(), q.only_if.as_ref().map(|o| o.number)))
        .collect()
}

#[test]
fn without_a_profile_every_question_is_printed_with_its_condition() {
    let questionnaire = questionnaire();
    let form = paper_form(&questionnaire, &Answers::new());
    assert_eq!(
        printed(&form),
        vec![
            (1, "perfil.temporales".into(), None),
            (2, "temporada.contrato".into(), Some(1)),
            (3, "temporada.copia".into(), Some(2)),
            (4, "pagos.recibo".into(), None),
        ]
    );
}

#[test]
fn the_profile_settles_its_conditions_and_the_others_stay_instructions() {
    let questionnaire = questionnaire();
    let hires = Answers::from([("perfil.temporales".into(), AnswerValue::Choice("yes".into()))]);
    let form = paper_form(&questionnaire, &hires);
    assert_eq!(
        printed(&form),
        vec![
            (1, "perfil.temporales".into(), None),
            (2, "temporada.contrato".into(), None),
            (3, "temporada.copia".into(), Some(2)),
            (4, "pagos.recibo".into(), None),
        ]
    );
}

#[test]
fn what_the_profile_rules_out_is_left_out_with_what_depends_on_it_and_an_empty_section() {
    let questionnaire = questionnaire();
    let answers = Answers::from([
        ("perfil.temporales".into(), AnswerValue::Choice("no".into())),
        // An answer outside the profile does not tailor the blank form.
        ("pagos.recibo".into(), AnswerValue::Choice("no".into())),
    ]);
    let form = paper_form(&questionnaire, &answers);
    assert_eq!(printed(&form), vec![(1, "perfil.temporales".into(), None), (4, "pagos.recibo".into(), None)]);
    let sections: Vec<&str> = form.sections.iter().map(|s| s.section.id.as_str()).collect();
    assert_eq!(sections, ["perfil", "pagos"]);
}
