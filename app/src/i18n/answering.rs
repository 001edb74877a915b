//! The strings of starting, answering and submitting an assessment.

use assessments::Language;
use assessments::answers::{AnswerProblem, AnswerValue, AssessmentStatus};
use assessments::evidence::EvidenceProblem;
use assessments::questionnaire::{AnswerKind, ChoiceOption};

use crate::model::assessment::SaveState;

/// The words for a yes/partial/no answer, whose form values are `yes`, `partial`, `no` and
/// `not_applicable`.
#[derive(Debug)]
pub struct YesNoLabels {
    pub yes: &'static str,
    pub partial: &'static str,
    pub no: &'static str,
    pub not_applicable: &'static str,
}

labels! {
    EvidenceProblemLabels for EvidenceProblem {
        KindNotAccepted => kind_not_accepted,
        TooLarge => too_large,
        TooMany => too_many,
        Empty => empty,
    }
}

labels! {
    SaveStateLabels for SaveState {
        Idle => idle,
        Unsaved => unsaved,
        Saving => saving,
        Saved => saved,
        SavedWithProblems => saved_with_problems,
        Retrying => retrying,
    }
}

labels! {
    AssessmentStatusLabels for AssessmentStatus {
        InProgress => in_progress,
        Submitted => submitted,
    }
}

labels! {
    AnswerProblemLabels for AnswerProblem {
        NotAnOption => not_an_option,
        NotANumber => not_a_number,
        BelowMinimum => below_minimum,
        AboveMaximum => above_maximum,
        NotADate => not_a_date,
        TooLong => too_long,
        FutureDate => future_date,
        ReasonMissing => reason_missing,
        DontKnowAndAnswer => dont_know_and_answer,
    }
}

#[derive(Debug)]
pub struct AnsweringTexts {
    pub assessments_title: &'static str,
    pub assessments_none: &'static str,
    pub assessments_not_shared: &'static str,
    pub start_title: &'static str,
    pub start_lead: &'static str,
    pub questionnaire_label: &'static str,
    pub carry_label: &'static str,
    pub carry_none: &'static str,
    pub reference_label: &'static str,
    pub reference_help: &'static str,
    pub start_submit: &'static str,
    pub no_questionnaires: &'static str,
    pub started: &'static str,
    pub submitted: &'static str,
    /// "12 / 40 questions answered".
    pub questions_answered: fn(answered: u32, applicable: u32) -> String,
    pub progress: &'static str,
    pub open: &'static str,
    pub sections_title: &'static str,
    pub profile_hint: &'static str,
    pub missing_title: &'static str,
    pub missing_none: &'static str,
    /// How many carried-over answers need a look because their question changed.
    pub to_review: fn(u32) -> String,
    pub submit: &'static str,
    pub submit_lead: &'static str,
    pub submit_incomplete: &'static str,
    pub submitted_notice: &'static str,
    pub returned_notice: &'static str,
    pub save_section: &'static str,
    pub save_and_next: &'static str,
    pub saved_notice: &'static str,
    pub problems_notice: &'static str,
    pub required: &'static str,
    pub optional: &'static str,
    pub note_and_evidence: &'static str,
    pub note: &'static str,
    pub evidence: &'static str,
    pub evidence_expected: &'static str,
    /// Before a question's own evidence prompt.
    pub evidence_prompt: &'static str,
    pub legal_basis: &'static str,
    pub unconfirmed: &'static str,
    pub yes_no: YesNoLabels,
    /// The "I don't know" option every scored question has.
    pub dont_know: &'static str,
    /// "I don't know" as a report describes it: a gap to verify.
    pub dont_know_to_verify: &'static str,
    pub choose_all: &'static str,
    pub date_hint: &'static str,
    pub needs_review: &'static str,
    pub not_applicable_reason: &'static str,
    pub not_applicable_when: &'static str,
    pub conflict: &'static str,
    pub conflict_saved_by: &'static str,
    pub conflict_yours: &'static str,
    pub keep_saved: &'static str,
    pub no_answer: &'static str,
    pub previous_section: &'static str,
    pub next_section: &'static str,
    pub back_to_assessment: &'static str,
    pub read_only: &'static str,
    pub attach_files: &'static str,
    pub attach_hint: &'static str,
    pub remove_file: &'static str,
    pub evidence_problems: EvidenceProblemLabels,
    pub save_states: SaveStateLabels,
    /// Beside an answer kept in the browser while the connection is down.
    pub unsent: &'static str,
    pub statuses: AssessmentStatusLabels,
    pub answer_problems: AnswerProblemLabels,
}

impl AnsweringTexts {
    pub fn status(&self, status: AssessmentStatus) -> &'static str {
        self.statuses.get(status)
    }

    pub fn save_state(&self, state: SaveState) -> &'static str {
        self.save_states.get(state)
    }

    pub fn evidence_problem(&self, problem: EvidenceProblem) -> &'static str {
        self.evidence_problems.get(problem)
    }

    pub fn answer_problem(&self, problem: AnswerProblem) -> &'static str {
        self.answer_problems.get(problem)
    }

    /// An answer in words, as the person who gave it chose it.
    pub fn describe(&self, kind: &AnswerKind, value: &AnswerValue, language: Language) -> String {
        let label = |options: &[ChoiceOption], chosen: &str| {
            options
                .iter()
                .find(|o| o.value == chosen)
                .map_or_else(|| chosen.to_owned(), |o| o.label.get(language).to_owned())
        };
        match (kind, value) {
            (_, AnswerValue::DontKnow) => self.dont_know_to_verify.to_owned(),
            (AnswerKind::YesNoPartial { .. }, AnswerValue::Choice(v)) => self.yes_no(v).to_owned(),
            (AnswerKind::SingleChoice { options }, AnswerValue::Choice(v)) => label(options, v),
            (AnswerKind::MultipleChoice { options }, AnswerValue::Choices(vs)) => {
                vs.iter().map(|v| label(options, v)).collect::<Vec<_>>().join(", ")
            }
            (AnswerKind::Number { unit: Some(unit), .. }, AnswerValue::Number(n)) => {
                format!("{n} {}", unit.get(language))
            }
            (_, other) => other.as_form_values().join(", "),
        }
    }

    /// A yes/partial/no answer (stored as its form value) in words.
    pub fn yes_no(&self, value: &str) -> &'static str {
        let labels = &self.yes_no;
        match value {
            "yes" => labels.yes,
            "partial" => labels.partial,
            "no" => labels.no,
            _ => labels.not_applicable,
        }
    }
}

pub static ES: AnsweringTexts = AnsweringTexts {
    assessments_title: "Autoevaluaciones",
    assessments_none: "Todavía no hay autoevaluaciones.",
    assessments_not_shared: "Esta empresa comparte con usted solo el avance de su plan de mejora.",
    start_title: "Iniciar una autoevaluación",
    start_lead: "La autoevaluación queda fijada a la versión del cuestionario que elija. Puede partir de \
                 las respuestas de una autoevaluación anterior: las preguntas nuevas o cambiadas se \
                 marcan para revisar.",
    questionnaire_label: "Cuestionario",
    carry_label: "Partir de las respuestas de",
    carry_none: "Empezar en blanco",
    reference_label: "Fecha de referencia",
    reference_help: "El último día de la temporada, zafra o periodo que evalúa. Las cifras legales que cambian \
                     con el tiempo (salario mínimo, jornada máxima) se leen en esa fecha.",
    start_submit: "Iniciar autoevaluación",
    no_questionnaires: "Todavía no hay cuestionarios publicados.",
    started: "Iniciada",
    submitted: "Enviada",
    questions_answered: |answered, applicable| match applicable {
        1 => format!("{answered} / 1 pregunta respondida"),
        _ => format!("{answered} / {applicable} preguntas respondidas"),
    },
    progress: "Avance",
    open: "Abrir",
    sections_title: "Secciones",
    profile_hint: "Empiece por el perfil: sus respuestas adaptan las preguntas de las demás secciones.",
    missing_title: "Falta responder",
    missing_none: "Todas las preguntas obligatorias tienen respuesta.",
    to_review: |count| match count {
        1 => "1 respuesta traída de la autoevaluación anterior debe revisarse porque la pregunta cambió."
            .to_owned(),
        _ => format!(
            "{count} respuestas traídas de la autoevaluación anterior deben revisarse porque la pregunta cambió."
        ),
    },
    submit: "Enviar a revisión",
    submit_lead: "Una vez enviada, las respuestas quedan de solo lectura hasta que se devuelva para cambios.",
    submit_incomplete: "Todavía no se puede enviar: faltan las respuestas de la lista.",
    submitted_notice: "Enviada a revisión. Las respuestas son de solo lectura hasta que se devuelva para cambios.",
    returned_notice: "La autoevaluación volvió a estar en curso.",
    save_section: "Guardar",
    save_and_next: "Guardar y seguir",
    saved_notice: "Sus respuestas se guardaron.",
    problems_notice: "Algunas respuestas no se guardaron: vea el mensaje junto a cada una. Lo que escribió \
                      sigue en el formulario.",
    required: "obligatoria",
    optional: "opcional",
    note_and_evidence: "Nota y evidencia",
    note: "Nota",
    evidence: "Evidencia: qué documento lo demuestra y dónde está",
    evidence_expected: "Se espera evidencia.",
    evidence_prompt: "Lo demuestra:",
    legal_basis: "Fundamento legal",
    unconfirmed: "artículo por confirmar",
    yes_no: YesNoLabels { yes: "Sí", partial: "Parcialmente", no: "No", not_applicable: "No aplica" },
    dont_know: "No sé",
    dont_know_to_verify: "No sé (cuenta como brecha hasta verificarlo)",
    choose_all: "Marque todas las que correspondan.",
    date_hint: "Año-mes-día, por ejemplo 2026-03-31.",
    needs_review: "Esta pregunta cambió desde la autoevaluación anterior: revise la respuesta y guarde.",
    not_applicable_reason: "Si responde «No aplica», diga por qué en la nota: la razón aparece en el informe.",
    not_applicable_when: "No aplica solo cuando:",
    conflict: "Otra persona guardó esta respuesta mientras usted la editaba. Nada se sobrescribió.",
    conflict_saved_by: "Respuesta guardada por",
    conflict_yours: "Su versión está en el formulario: guarde para quedarse con ella, o",
    keep_saved: "quedarse con la guardada",
    no_answer: "Sin respuesta",
    previous_section: "Sección anterior",
    next_section: "Sección siguiente",
    back_to_assessment: "Volver a la autoevaluación",
    read_only: "Solo lectura.",
    attach_files: "Adjuntar archivos",
    attach_hint: "PDF, fotos (JPG, PNG, WebP) o documentos de Office; hasta 10 MB cada uno. Se adjuntan al guardar.",
    remove_file: "Quitar",
    evidence_problems: EvidenceProblemLabels {
        kind_not_accepted: "Ese archivo no se adjuntó: solo se aceptan PDF, fotos (JPG, PNG, WebP) y documentos de Office.",
        too_large: "Ese archivo no se adjuntó: pesa más de 10 MB.",
        too_many: "Ese archivo no se adjuntó: la respuesta ya tiene 10 archivos.",
        empty: "Ese archivo no se adjuntó: está vacío.",
    },
    save_states: SaveStateLabels {
        idle: "",
        unsaved: "Cambios sin guardar…",
        saving: "Guardando…",
        saved: "Guardado.",
        saved_with_problems: "Guardado, salvo lo que se marca en rojo.",
        retrying: "Sin conexión: sus respuestas siguen aquí y se guardarán en cuanto vuelva la conexión.",
    },
    unsent: "Sin enviar: se guarda en este dispositivo hasta que vuelva la conexión.",
    statuses: AssessmentStatusLabels { in_progress: "En curso", submitted: "Enviada a revisión" },
    answer_problems: AnswerProblemLabels {
        not_an_option: "Elija una de las opciones.",
        not_a_number: "Escriba un número, por ejemplo 12 o 12.5.",
        below_minimum: "El número es menor que el mínimo permitido.",
        above_maximum: "El número es mayor que el máximo permitido.",
        not_a_date: "Escriba una fecha válida como año-mes-día, por ejemplo 2026-03-31.",
        too_long: "El texto es demasiado largo (máximo 5,000 caracteres).",
        future_date: "La fecha no puede ser posterior a hoy: escriba cuándo ocurrió.",
        reason_missing: "Diga en la nota por qué no aplica: esa razón acompaña la respuesta en el informe.",
        dont_know_and_answer: "Marcó «No sé» y también respondió: quite una de las dos.",
    },
};

pub static EN: AnsweringTexts = AnsweringTexts {
    assessments_title: "Self-assessments",
    assessments_none: "No self-assessments yet.",
    assessments_not_shared: "This company shares only its improvement-plan progress with you.",
    start_title: "Start a self-assessment",
    start_lead: "The self-assessment stays pinned to the questionnaire version you choose. You can start \
                 from the answers of an earlier self-assessment: new or changed questions are marked \
                 for review.",
    questionnaire_label: "Questionnaire",
    carry_label: "Start from the answers of",
    carry_none: "Start blank",
    reference_label: "Reference date",
    reference_help: "The last day of the season, harvest or period you assess. Legal figures that change over \
                     time (minimum wage, maximum working week) are read on that date.",
    start_submit: "Start self-assessment",
    no_questionnaires: "No questionnaire is published yet.",
    started: "Started",
    submitted: "Submitted",
    questions_answered: |answered, applicable| match applicable {
        1 => format!("{answered} / 1 question answered"),
        _ => format!("{answered} / {applicable} questions answered"),
    },
    progress: "Progress",
    open: "Open",
    sections_title: "Sections",
    profile_hint: "Start with the profile: its answers tailor the questions of the other sections.",
    missing_title: "Still to answer",
    missing_none: "Every required question has an answer.",
    to_review: |count| {
        match count {
        1 => "1 answer carried over from the previous self-assessment needs a look because the question changed."
            .to_owned(),
        _ => format!(
            "{count} answers carried over from the previous self-assessment need a look because the question changed."
        ),
    }
    },
    submit: "Submit for review",
    submit_lead: "Once submitted, the answers are read-only until it is returned for changes.",
    submit_incomplete: "It cannot be submitted yet: the listed answers are missing.",
    submitted_notice: "Submitted for review. Answers are read-only until it is returned for changes.",
    returned_notice: "The self-assessment is in progress again.",
    save_section: "Save",
    save_and_next: "Save and continue",
    saved_notice: "Your answers were saved.",
    problems_notice: "Some answers were not saved: see the message next to each. What you typed is still \
                      in the form.",
    required: "required",
    optional: "optional",
    note_and_evidence: "Note and evidence",
    note: "Note",
    evidence: "Evidence: which document shows it and where it is kept",
    evidence_expected: "Evidence is expected.",
    evidence_prompt: "Shown by:",
    legal_basis: "Legal basis",
    unconfirmed: "article to be confirmed",
    yes_no: YesNoLabels { yes: "Yes", partial: "Partly", no: "No", not_applicable: "Not applicable" },
    dont_know: "I don't know",
    dont_know_to_verify: "I don't know (a gap until verified)",
    choose_all: "Tick all that apply.",
    date_hint: "Year-month-day, for example 2026-03-31.",
    needs_review: "This question changed since the previous self-assessment: check the answer and save.",
    not_applicable_reason: "If you answer \"Not applicable\", say why in the note: the reason shows on the report.",
    not_applicable_when: "It does not apply only when:",
    conflict: "Someone else saved this answer while you were editing it. Nothing was overwritten.",
    conflict_saved_by: "Answer saved by",
    conflict_yours: "Your version is in the form: save to keep it, or",
    keep_saved: "keep the saved one",
    no_answer: "No answer",
    previous_section: "Previous section",
    next_section: "Next section",
    back_to_assessment: "Back to the self-assessment",
    read_only: "Read-only.",
    attach_files: "Attach files",
    attach_hint: "PDF, photos (JPG, PNG, WebP) or Office documents; up to 10 MB each. Attached when you save.",
    remove_file: "Remove",
    evidence_problems: EvidenceProblemLabels {
        kind_not_accepted: "That file was not attached: only PDF, photos (JPG, PNG, WebP) and Office documents are accepted.",
        too_large: "That file was not attached: it is larger than 10 MB.",
        too_many: "That file was not attached: the answer has 10 files already.",
        empty: "That file was not attached: it is empty.",
    },
    save_states: SaveStateLabels {
        idle: "",
        unsaved: "Unsaved changes…",
        saving: "Saving…",
        saved: "Saved.",
        saved_with_problems: "Saved, except what is marked in red.",
        retrying: "No connection: your answers are still here and will be saved as soon as it is back.",
    },
    unsent: "Not sent yet: kept on this device until the connection is back.",
    statuses: AssessmentStatusLabels { in_progress: "In progress", submitted: "Submitted for review" },
    answer_problems: AnswerProblemLabels {
        not_an_option: "Choose one of the options.",
        not_a_number: "Type a number, for example 12 or 12.5.",
        below_minimum: "The number is below the allowed minimum.",
        above_maximum: "The number is above the allowed maximum.",
        not_a_date: "Type a valid date as year-month-day, for example 2026-03-31.",
        too_long: "The text is too long (5,000 characters at most).",
        future_date: "The date cannot be later than today: give when it happened.",
        reason_missing: "Say in the note why it does not apply: the reason goes with the answer on the report.",
        dont_know_and_answer: "You ticked \"I don't know\" and answered too: remove one of them.",
    },
};
