use assessments::Language;
use assessments::answers::{
    AnswerProblem, AnswerValue, DONT_KNOW, Draft, DraftProblem, StoredAnswer, fingerprint,
};
use assessments::evidence::{EvidenceFile, EvidenceProblem};
use assessments::ids::AssessmentId;
use assessments::questionnaire::KEY_IN_SECTION;
use assessments::questionnaire::{AnswerKind, Question};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::answering::get_assessment_section;
use crate::autosave::{Autosave, FormStart};
use crate::components::{ContentLanguage, ContentText, Loaded, NewThreadForm, ProgressBar, ThreadList};
use crate::i18n::{current_language, use_texts};
use crate::model::assessment::{Citation, SectionToAnswer};
use crate::model::review::Threads;
use crate::urls;

/// `/evaluaciones/{id}/secciones/{section}`: one section's questions as a plain form that saves
/// with a button, and — once its island ([`AnswerForm`]) runs in the browser — as answers are
/// given. Questions an earlier answer hides
/// are on the page hidden and disabled: without JavaScript they appear once the answer that shows
/// them is saved, with it as soon as it is given.
#[component]
pub fn AnswerSectionPage() -> impl IntoView {
    let params = use_params_map();
    let section = Resource::new(
        move || {
            let params = params.read();
            (params.get("id").unwrap_or_default(), params.get("section").unwrap_or_default())
        },
        |(id, section)| get_assessment_section(id, section),
    );
    view! { <Loaded resource=section view={|section| view! { <SectionForm section /> }} /> }
}

#[component]
fn SectionForm(section: SectionToAnswer) -> impl IntoView {
    let a = use_texts().answering;
    let language = use_context::<Language>().unwrap_or_default();
    let query = use_query_map();
    let SectionToAnswer {
        header,
        title,
        section,
        applicable,
        answers,
        drafts,
        citations,
        files,
        editable,
        progress,
        score,
        previous,
        next,
        review,
        key_in,
        keeper,
    } = section;
    let p = use_texts().paper;
    let action = urls::assessment_section(header.id, &section.id);
    let notice = move || {
        let query = query.read();
        if query.get("problemas").is_some() {
            Some(view! { <p class="notice notice--error" role="alert">{a.problems_notice}</p> }.into_any())
        } else if query.get("guardado").is_some() {
            Some(view! { <p class="notice" role="status">{a.saved_notice}</p> }.into_any())
        } else {
            None
        }
    };
    let start = FormStart {
        keeper,
        assessment_id: header.id,
        section_id: section.id.clone(),
        applicable,
        revisions: answers.iter().map(|a| (a.question_id.clone(), (a.revision, a.fingerprint()))).collect(),
        problems: drafts.iter().map(|d| (d.question_id.clone(), d.problem)).collect(),
        progress,
        score,
    };
    // Questionnaire texts in the assessment's content language, everything else in the reader's.
    let content = ContentLanguage::of(header.content_language.clone(), language);
    provide_context(content.clone());
    let words = move |text: &assessments::text::Text| text.shown_in(&content.0).wording.to_owned();
    let questions: Vec<(String, String)> =
        section.questions.iter().map(|q| (q.id.clone(), words(&q.text))).collect();
    let is_key_in = key_in.is_some();
    // Every question is on the page; those that do not apply are hidden and disabled (so a
    // plain post leaves them alone) until an answer shows them. Made when the form's island
    // renders its children, so that each question's own island finds the form's autosave.
    let fields = {
        let (applicable, problems) = (start.applicable.clone(), start.problems.clone());
        let (files, review) = (files.clone(), review.clone());
        move || {
            section
                .questions
                .into_iter()
                .map(|question| {
                    // On the key-in page: the questionnaire's section titles, and the paper's numbers.
                    let starts = key_in
                        .as_ref()
                        .and_then(|marks| marks.section_starting_at(&question.id))
                        .map(|title| {
                            view! { <h2 class="key-in__section"><ContentText text=title.clone() /></h2> }
                        });
                    let number = key_in.as_ref().and_then(|marks| marks.number(&question.id));
                    let stored = answers.iter().find(|a| a.question_id == question.id).cloned();
                    let draft = drafts.iter().find(|d| d.question_id == question.id).cloned();
                    let cited: Vec<Citation> = citations
                        .iter()
                        .filter(|c| question.requirements.contains(&c.requirement_id))
                        .cloned()
                        .collect();
                    let attached: Vec<EvidenceFile> =
                        files.iter().filter(|f| f.question_id == question.id).cloned().collect();
                    let open_requests =
                        u32::try_from(review.on(&question.id).filter(|t| t.waits_for_company()).count())
                            .unwrap_or(u32::MAX);
                    let live = QuestionState {
                        hidden: !applicable.contains(&question.id),
                        problem: problems.get(&question.id).copied(),
                    };
                    view! {
                        {starts}
                        <QuestionField
                            assessment_id=header.id
                            number
                            question
                            stored
                            draft
                            citations=cited
                            files=attached
                            editable
                            live
                            open_requests
                        />
                    }
                })
                .collect_view()
        }
    };
    let section_title = if is_key_in { p.key_in_title.to_owned() } else { words(&section.title) };
    let lead =
        if is_key_in { Some(p.key_in_lead.to_owned()) } else { section.intro.map(|intro| words(&intro)) };
    // The scan or photo of the paper form, kept as evidence of the whole assessment.
    let scan = is_key_in.then(|| {
        let base = urls::assessment(header.id);
        let scans: Vec<EvidenceFile> = files.iter().filter(|f| f.question_id == KEY_IN_SECTION).cloned().collect();
        view! {
            <div class="key-in__scan">
                <ul class="files">
                    {scans.into_iter().map(|file| view! {
                        <li>
                            <a href=format!("{base}/evidencias/{}", file.id) download=file.file_name.clone()>{file.file_name.clone()}</a>
                            {editable.then(|| view! {
                                " " <button type="submit" class="button--link" formaction=format!("{base}/evidencias/{}/quitar", file.id)>
                                    {use_texts().answering.remove_file}
                                </button>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
                {editable.then(|| view! {
                    <label for="u-captura">{p.scan_label}</label>
                    <input type="file" id="u-captura" name=format!("u.{KEY_IN_SECTION}") multiple accept=".pdf,.jpg,.jpeg,.png,.webp" />
                    <p class="question__help">{p.scan_hint}</p>
                })}
            </div>
        }
    });
    let next_id = next.as_ref().map(|n| n.id.clone());
    view! {
        <Title text=section_title.clone() />
        <article class="page page--form">
            <p class="breadcrumb">
                <a href=urls::assessment(header.id)>{words(&title)} " · " {header.company.name.clone()}</a>
            </p>
            <h1>{section_title}</h1>
            {lead.map(|lead| view! { <p class="lead">{lead}</p> })}
            {notice}
            {(!editable).then(|| view! { <p class="notice">{a.read_only}</p> })}
            <AnswerForm start editable action next_id>
                {scan}
                <fieldset class="answers__all" disabled=!editable>
                    {fields()}
                </fieldset>
            </AnswerForm>
            <SectionReview assessment_id=header.id review questions />
            <nav class="pager" aria-label=a.sections_title>
                {previous.map(|p| view! {
                    <a rel="prev" href=urls::assessment_section(header.id, &p.id)>"← " {words(&p.title)}</a>
                })}
                {next.map(|n| view! {
                    <a rel="next" href=urls::assessment_section(header.id, &n.id)>{words(&n.title)} " →"</a>
                })}
            </nav>
        </article>
    }
    .into_any()
}

/// The live half of a section's form, the one part of the page that runs in the browser (a
/// Leptos island): the progress and score as answers are given, autosave, and the keys that tick
/// an option. The fields are rendered on the server as its children; each question's own live
/// part is a [`QuestionLive`] island inside them, which shares this form's [`Autosave`].
#[island]
fn AnswerForm(
    start: FormStart,
    editable: bool,
    action: String,
    /// The next section, for "save and go on".
    next_id: Option<String>,
    children: Children,
) -> impl IntoView {
    // Islands do not see the page's context in the browser: the language is read again.
    provide_context(current_language());
    let a = use_texts().answering;
    let scored = start.score.scored;
    let autosave = Autosave::new(start);
    provide_context(autosave);
    // Once in the browser: put back what an earlier visit kept while the connection was down,
    // and send what waits as soon as the connection returns.
    Effect::new(move || {
        #[cfg(feature = "hydrate")]
        {
            // Only what this person may still save is put back.
            if editable {
                autosave.restore();
            }
            let online = window_event_listener(leptos::ev::online, move |_| autosave.connection_returned());
            on_cleanup(move || online.remove());
        }
    });
    view! {
        <ProgressBar progress=autosave.progress />
        {scored.then(|| {
            let r = use_texts().report;
            view! {
                <p class="section-score" aria-live="polite">
                    {r.section_live} ": "
                    <span class="section-score__value">
                        {move || autosave.score.get().score.map_or_else(|| "—".to_owned(), |s| s.to_string())}
                    </span>
                    " · " {r.gaps} ": "
                    <span class="section-score__gaps">{move || autosave.score.get().gaps}</span>
                </p>
            }
        })}
        <form
            method="post"
            action=action
            class="answers"
            enctype="multipart/form-data"
            node_ref=autosave.form
            on:input=move |ev| autosave.changed(&ev, true)
            on:change=move |ev| autosave.changed(&ev, false)
            on:keydown=choose_by_number
        >
            {children()}
            {editable.then(|| view! {
                <div class="answers__actions">
                    <button type="submit">{a.save_section}</button>
                    <p class="save-state" role="status" aria-live="polite">
                        {move || a.save_state(autosave.state.get())}
                    </p>
                    {next_id.map(|id| view! {
                        <button type="submit" name="siguiente" value=id class="button--quiet">{a.save_and_next}</button>
                    })}
                </div>
            })}
        </form>
    }
}

/// How a question stands when the page is rendered: hidden by an earlier answer, or holding
/// input the server could not save. [`QuestionLive`] keeps both up to date in the browser.
#[derive(Clone, Copy)]
struct QuestionState {
    hidden: bool,
    problem: Option<DraftProblem>,
}

/// The live part of one question (an island inside [`AnswerForm`]'s): why its input was not
/// saved, whether it waits for the connection, and the revision its next save is based on. In
/// the browser it also keeps the question's fieldset (rendered by the server, since a fieldset's
/// legend must be its first child) hidden or shown as answers apply it, and opens the note where
/// a missing reason goes.
#[island]
fn QuestionLive(id: String) -> impl IntoView {
    let a = use_texts().answering;
    // Always inside an `AnswerForm`, whose children make it (see `SectionForm`).
    let autosave = use_context::<Autosave>()?;
    let revision = {
        let id = id.clone();
        move || autosave.revisions.with(|r| r.get(&id).map_or(0, |(revision, _)| *revision))
    };
    let shown = {
        let id = id.clone();
        move || {
            autosave
                .revisions
                .with(|r| r.get(&id).map_or_else(|| fingerprint(None, "", ""), |(_, shown)| shown.clone()))
        }
    };
    let problem = {
        let id = id.clone();
        Memo::new(move |_| autosave.problems.with(|problems| problems.get(&id).copied()))
    };
    let invalid = {
        let problem_id = problem_id(&id);
        move || match problem.get() {
            Some(DraftProblem::Invalid(problem)) => Some(view! {
                <p class="field-problem" id=problem_id.clone() role="alert">{a.answer_problem(problem)}</p>
            }),
            _ => None,
        }
    };
    Effect::new({
        let id = id.clone();
        move || {
            let hidden = !autosave.applicable.with(|applicable| applicable.contains(&id));
            let problem = problem.get();
            #[cfg(feature = "hydrate")]
            follow_in_fieldset(&id, QuestionState { hidden, problem });
            #[cfg(not(feature = "hydrate"))]
            let _ = (hidden, problem);
        }
    });
    let waiting = {
        let id = id.clone();
        move || autosave.is_waiting(&id).then(|| view! { <p class="unsent" role="status">{a.unsent}</p> })
    };
    Some(view! {
        {invalid}
        {waiting}
        <input type="hidden" name=format!("r.{id}") value=revision />
        <input type="hidden" name=format!("f.{id}") value=shown />
    })
}

/// The id of the element that says why `question`'s input was not saved.
fn problem_id(question: &str) -> String {
    format!("problem-{question}")
}

/// Brings the server-rendered fieldset of `question` in line with `state`: hidden and disabled
/// while it does not apply (so a plain post leaves it alone), described by its problem when it
/// has one, its note opened when the problem is a missing reason.
#[cfg(feature = "hydrate")]
fn follow_in_fieldset(question: &str, state: QuestionState) {
    let document = leptos::prelude::document();
    let Some(fieldset) = document.get_element_by_id(&format!("q-{question}")) else { return };
    let set = |name: &str, value: Option<&str>| {
        let _ = match value {
            Some(value) => fieldset.set_attribute(name, value),
            None => fieldset.remove_attribute(name),
        };
    };
    set("hidden", state.hidden.then_some(""));
    set("disabled", state.hidden.then_some(""));
    set("aria-describedby", state.problem.is_some().then(|| problem_id(question)).as_deref());
    if state.problem == Some(DraftProblem::Invalid(AnswerProblem::ReasonMissing))
        && let Some(note) = document.get_element_by_id(&format!("more-{question}"))
    {
        let _ = note.set_attribute("open", "");
    }
}

/// The review of a section's answers: each question's threads, and a form to open one on any
/// of its questions. Outside the answers' form, which a form cannot nest.
#[component]
fn SectionReview(
    assessment_id: AssessmentId,
    review: Threads,
    questions: Vec<(String, String)>,
) -> impl IntoView {
    let r = use_texts().review;
    if review.threads.is_empty() && review.side.is_none() {
        return None;
    }
    let side = review.side;
    let subjects = questions
        .iter()
        .filter(|(id, _)| review.on(id).next().is_some())
        .map(|(id, text)| {
            let threads: Vec<_> = review.on(id).cloned().collect();
            view! {
                <div class="review__subject" id=format!("hilos-{id}")>
                    <h3>{text.clone()}</h3>
                    <ThreadList assessment_id threads side />
                </div>
            }
        })
        .collect_view();
    Some(view! {
        <section class="review" aria-labelledby="review-title">
            <h2 id="review-title">{r.threads_title}</h2>
            {subjects}
            {side.map(|side| view! { <NewThreadForm assessment_id kind="answer" choices=questions side /> })}
        </section>
    })
}

/// One question: its text and help, the inputs of its answer type, note and evidence, the legal
/// basis one click away, and — when what this person typed could not be saved — why.
#[component]
fn QuestionField(
    assessment_id: AssessmentId,
    /// Its number on the paper form, on the key-in page.
    number: Option<u32>,
    question: Question,
    stored: Option<StoredAnswer>,
    draft: Option<Draft>,
    citations: Vec<Citation>,
    files: Vec<EvidenceFile>,
    editable: bool,
    /// How it stands as the page is rendered; [`QuestionLive`] follows it in the browser.
    live: QuestionState,
    /// Requests on this answer waiting for the company.
    open_requests: u32,
) -> impl IntoView {
    let a = use_texts().answering;
    let query = use_query_map();
    let language = use_context::<Language>().unwrap_or_default();
    let id = question.id.clone();
    // What the form shows: the draft this person could not save, else the saved answer.
    let (values, note, evidence) = match (&draft, &stored) {
        (Some(draft), _) => (draft.values.clone(), draft.note.clone(), draft.evidence.clone()),
        (None, Some(saved)) => (
            saved.value.as_ref().map(AnswerValue::as_form_values).unwrap_or_default(),
            saved.note.clone(),
            saved.evidence.clone(),
        ),
        (None, None) => (Vec::new(), String::new(), String::new()),
    };
    // A conflict is shown as the server found it; an invalid input's reason is live.
    let conflict = draft.as_ref().filter(|draft| draft.problem == DraftProblem::Conflict).map(|_| {
        {
            let theirs = stored
                .as_ref()
                .and_then(|saved| saved.value.as_ref())
                .map(|value| a.describe(&question.answer, value, language))
                .unwrap_or_else(|| a.no_answer.to_owned());
            let saved_by = stored.as_ref().map(|saved| saved.updated_by.clone()).unwrap_or_default();
            let discard = format!("{}/borradores/{}/descartar", urls::assessment(assessment_id), question.id);
            view! {
                <div class="field-problem conflict" id=problem_id(&id) role="alert">
                    <p>{a.conflict}</p>
                    <p>{a.conflict_saved_by} " " <strong>{saved_by}</strong> ": " <strong class="conflict__theirs">{theirs}</strong></p>
                    <p>
                        {a.conflict_yours} " "
                        <button type="submit" class="button--link" formaction=discard>{a.keep_saved}</button>
                    </p>
                </div>
            }
            .into_any()
        }
    });
    // Why an answer was not saved is linked to its question, so a screen reader says it there.
    let described_by = live.problem.is_some().then(|| problem_id(&id));
    let needs_review = stored.as_ref().is_some_and(|saved| saved.needs_review);
    let from_paper = stored.as_ref().filter(|saved| saved.from_paper).map(|saved| {
        let p = use_texts().paper;
        view! {
            <p class="card__meta">{(p.keyed_in_by)(&saved.updated_by, &crate::components::day(&saved.updated_at))}</p>
        }
    });
    let optional =
        (!question.required).then(|| view! { <span class="question__optional">" (" {a.optional} ")"</span> });
    // "Not applicable" without a reason opens the note, where the reason goes.
    let open_notes = !note.is_empty()
        || !evidence.is_empty()
        || !files.is_empty()
        || live.problem == Some(DraftProblem::Invalid(AnswerProblem::ReasonMissing));
    let not_applicable_hint =
        matches!(question.answer, AnswerKind::YesNoPartial { allow_not_applicable: true, .. }).then(|| {
            let when = question
                .not_applicable_when
                .as_ref()
                .map(|when| view! { " " {a.not_applicable_when} " " <ContentText text=when.clone() /> });
            view! { <p class="question__help">{a.not_applicable_reason} {when}</p> }
        });
    // A file refused at the last save, named in the redirect's query.
    let file_problem = {
        let query = query.read_untracked();
        query
            .get("archivo")
            .and_then(|code| EvidenceProblem::from_code(&code))
            .filter(|_| query.get("pregunta").as_deref() == Some(id.as_str()))
    };
    let file_list = (!files.is_empty()).then(|| {
        let base = urls::assessment(assessment_id);
        view! {
            <ul class="files">
                {files.into_iter().map(|file| view! {
                    <li>
                        <a href=format!("{base}/evidencias/{}", file.id) download=file.file_name.clone()>{file.file_name.clone()}</a>
                        <span class="card__meta">" · " {human_size(file.size_bytes)} " · " {file.uploaded_by}</span>
                        {editable.then(|| view! {
                            " " <button type="submit" class="button--link" formaction=format!("{base}/evidencias/{}/quitar", file.id)>
                                {a.remove_file}
                            </button>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    });
    view! {
        <fieldset class="question" id=format!("q-{id}") aria-describedby=described_by hidden=live.hidden disabled=live.hidden>
            <legend class="question__text" id=format!("t-{id}")>
                {number.map(|n| format!("{n}. "))}
                <ContentText text=question.text.clone() />
                {optional}
                // The id the paper prints beside the number: the two always match.
                {number.map(|_| view! { " " <span class="question__id">"[" {id.clone()} "]"</span> })}
            </legend>
            {from_paper}
            {question.help.clone().map(|help| view! { <p class="question__help"><ContentText text=help /></p> })}
            {needs_review.then(|| view! { <p class="notice">{a.needs_review}</p> })}
            {(open_requests > 0).then(|| {
                let r = use_texts().review;
                view! {
                    <p class="notice notice--request">
                        <a href=format!("#hilos-{id}")>{(r.open_on_question)(open_requests)} " · " {r.read_threads}</a>
                    </p>
                }
            })}
            {conflict}
            <QuestionLive id=id.clone() />
            <AnswerInputs id=id.clone() kind=question.answer.clone() values scored=!question.requirements.is_empty() />
            {not_applicable_hint}
            <details class="question__more" id=format!("more-{id}") open=open_notes>
                <summary>{a.note_and_evidence}</summary>
                {question.evidence.then(|| view! { <p class="question__help">{a.evidence_expected}</p> })}
                {question.evidence_prompt.as_ref().map(|prompt| view! {
                    <p class="question__help">{a.evidence_prompt} " " <ContentText text=prompt.clone() /></p>
                })}
                {file_list}
                {file_problem.map(|problem| view! { <p class="field-problem" role="alert">{a.evidence_problem(problem)}</p> })}
                {editable.then(|| view! {
                    <label for=format!("u-{id}")>{a.attach_files}</label>
                    <input type="file" id=format!("u-{id}") name=format!("u.{id}") multiple
                        accept=".pdf,.jpg,.jpeg,.png,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp" />
                    <p class="question__help">{a.attach_hint}</p>
                })}
                <label for=format!("e-{id}")>{a.evidence}</label>
                <textarea id=format!("e-{id}") name=format!("e.{id}") rows="2">{evidence}</textarea>
                <label for=format!("n-{id}")>{a.note}</label>
                <textarea id=format!("n-{id}") name=format!("n.{id}") rows="2">{note}</textarea>
            </details>
            {(!citations.is_empty()).then(|| view! {
                <details class="question__law">
                    <summary>{a.legal_basis}</summary>
                    <ul>
                        {citations.into_iter().map(|c| view! {
                            <li>
                                <strong><ContentText text=c.instrument /> ", " {c.article.clone()}</strong>
                                {(!c.confirmed).then(|| view! { " (" {a.unconfirmed} ")" })}
                                ": " <ContentText text=c.summary />
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </fieldset>
    }
    .into_any()
}

/// The inputs of one answer type, named `a.{question id}`; a scored question also offers
/// "I don't know" (a radio among the choices, a box beside a number, date or text).
#[component]
fn AnswerInputs(id: String, kind: AnswerKind, values: Vec<String>, scored: bool) -> impl IntoView {
    let a = use_texts().answering;
    let name = format!("a.{id}");
    let input_id = format!("a-{id}");
    let legend_id = format!("t-{id}");
    // What was typed beside "I don't know" stays in its field.
    let first = values.iter().find(|v| *v != DONT_KNOW).cloned().unwrap_or_default();
    let choice = |value: String, label: AnyView, multiple: bool| {
        let checked = values.contains(&value);
        let option_id = format!("{input_id}-{value}");
        let label_for = option_id.clone();
        view! {
            <label class="choice" for=label_for>
                <input
                    type=if multiple { "checkbox" } else { "radio" }
                    id=option_id
                    name=name.clone()
                    value=value
                    checked=checked
                />
                <span>{label}</span>
            </label>
        }
    };
    let dont_know =
        |multiple: bool| scored.then(|| choice(DONT_KNOW.to_owned(), a.dont_know.into_any(), multiple));
    match kind {
        AnswerKind::YesNoPartial { allow_not_applicable, .. } => {
            let mut options = vec!["yes", "partial", "no"];
            if allow_not_applicable {
                options.push("not_applicable");
            }
            view! {
                <div class="choices choices--inline">
                    {options.into_iter().map(|v| choice(v.to_owned(), a.yes_no(v).into_any(), false)).collect_view()}
                    {dont_know(false)}
                </div>
            }
            .into_any()
        }
        AnswerKind::SingleChoice { options } => view! {
            <div class="choices">
                {options.into_iter().map(|o| choice(o.value.clone(), view! { <ContentText text=o.label /> }.into_any(), false)).collect_view()}
                {dont_know(false)}
            </div>
        }
        .into_any(),
        AnswerKind::MultipleChoice { options } => view! {
            <p class="question__help">{a.choose_all}</p>
            <div class="choices">
                {options.into_iter().map(|o| choice(o.value.clone(), view! { <ContentText text=o.label /> }.into_any(), true)).collect_view()}
                {dont_know(true)}
            </div>
        }
        .into_any(),
        AnswerKind::Number { unit, .. } => view! {
            <span class="number">
                <input type="text" inputmode="decimal" id=input_id.clone() name=name.clone() value=first autocomplete="off"
                    aria-labelledby=legend_id />
                {unit.map(|unit| view! { <span class="number__unit"><ContentText text=unit /></span> })}
            </span>
            {dont_know(true)}
        }
        .into_any(),
        AnswerKind::Date { .. } => view! {
            <p class="question__help" id=format!("{input_id}-hint")>{a.date_hint}</p>
            <input type="date" id=input_id.clone() name=name.clone() value=first aria-labelledby=legend_id
                aria-describedby=format!("{input_id}-hint") />
            {dont_know(true)}
        }
        .into_any(),
        AnswerKind::Text { .. } => view! {
            <textarea id=input_id.clone() name=name.clone() rows="4" aria-labelledby=legend_id>{first}</textarea>
            {dont_know(true)}
        }
        .into_any(),
    }
}

/// On a choice, the keys 1 to 9 tick its first to ninth option: a form keyed in from paper is
/// filled without the mouse (Tab moves to the next question, the arrows along the options).
fn choose_by_number(event: leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        use leptos::web_sys::HtmlInputElement;

        let Some(position) = event.key().parse::<u32>().ok().filter(|n| (1..=9).contains(n)) else { return };
        let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if input.type_() != "radio" || event.ctrl_key() || event.alt_key() || event.meta_key() {
            return;
        }
        let options = leptos::prelude::document().get_elements_by_name(&input.name());
        let Some(option) = options.item(position - 1).and_then(|o| o.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        event.prevent_default();
        option.set_checked(true);
        let _ = option.focus();
        if let Ok(change) = leptos::web_sys::Event::new_with_event_init_dict("change", &{
            let init = leptos::web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        }) {
            let _ = option.dispatch_event(&change);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = event;
}

/// A file size as people read it: "850 KB", "2.4 MB".
fn human_size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}
