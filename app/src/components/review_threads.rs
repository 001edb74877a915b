//! Review threads as every page shows them: each thread with its messages, a reply box and a
//! close button for those who may, and the form that opens a thread. Plain forms: they post and
//! come back with or without JavaScript. A refused message comes back in the query (`hilo` names
//! the form, `texto` what was typed) and is put back in that form with its reason.

use assessments::ids::AssessmentId;
use assessments::plan::Actor;
use assessments::review::{Request, Thread, ThreadState, WritingProblem, may_resolve};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::minute;
use crate::i18n::use_texts;
use crate::model::review::Threads;

/// The threads of one subject, oldest first; `side` is the viewer's, `None` to read only.
#[component]
pub fn ThreadList(assessment_id: AssessmentId, threads: Vec<Thread>, side: Option<Actor>) -> impl IntoView {
    let r = use_texts().review;
    threads
        .into_iter()
        .map(|thread| {
            let base = format!("/evaluaciones/{assessment_id}/hilos/{}", thread.id);
            let form_key = thread.id.to_string();
            let can_resolve =
                side.is_some_and(|side| may_resolve(thread.request, side)) && thread.state != ThreadState::Resolved;
            view! {
                <article class=format!("thread thread--{}", thread.state.as_str())>
                    <p class="thread__head">
                        <strong>{r.request(thread.request)}</strong> " · " {r.state(thread.state)}
                    </p>
                    <ol class="thread__messages">
                        {thread.messages.into_iter().map(|message| {
                            let side = if message.side == Actor::Advisor { "advisor" } else { "company" };
                            let meta = format!("{} ({}) · {}", message.author, message.organization, minute(&message.written_at));
                            // Erased: a thread's nested views would otherwise outgrow the compiler's type limits.
                            view! {
                                <li class=format!("thread__message thread__message--{side}")>
                                    <p class="thread__meta">{meta}</p>
                                    <p class="thread__body">{message.body}</p>
                                </li>
                            }
                            .into_any()
                        }).collect_view()}
                    </ol>
                    {side.map(|_| view! {
                        <form method="post" action=format!("{base}/responder") class="thread__reply">
                            <WrittenText form_key=form_key.clone() label=r.reply rows=2 />
                            <button type="submit">{r.reply}</button>
                        </form>
                    })}
                    {can_resolve.then(|| view! {
                        <form method="post" action=format!("{base}/cerrar") class="thread__resolve">
                            <button type="submit" class="button--quiet">{r.resolve}</button>
                        </form>
                    })}
                </article>
            }
            .into_any()
        })
        .collect_view()
}

/// The form that opens a thread on one of `choices` (`(key, label)`; one is fixed, several are
/// offered in a list) of `kind` (`answer`, `gap`, `action`). An advisor chooses what it asks;
/// the company's people comment.
#[component]
pub fn NewThreadForm(
    assessment_id: AssessmentId,
    kind: &'static str,
    choices: Vec<(String, String)>,
    side: Actor,
) -> impl IntoView {
    let r = use_texts().review;
    let form_key = match choices.as_slice() {
        [(key, _)] => format!("nuevo-{key}"),
        _ => format!("nuevo-{kind}"),
    };
    let subject = match choices.len() {
        1 => view! { <input type="hidden" name="clave" value=choices[0].0.clone() /> }.into_any(),
        _ => {
            let id = format!("{form_key}-clave");
            view! {
                <label for=id.clone()>{r.about_question}</label>
                <select id=id name="clave">
                    {choices.into_iter().map(|(key, label)| view! { <option value=key>{label}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
    };
    let kinds = match side {
        Actor::Advisor => {
            let id = format!("{form_key}-pide");
            view! {
                <label for=id.clone()>{r.request_kind}</label>
                <select id=id name="pide">
                    {[Request::NeedsEvidence, Request::Question, Request::Comment, Request::Accepted]
                        .into_iter()
                        .map(|request| view! { <option value=request.as_str()>{r.request(request)}</option> })
                        .collect_view()}
                </select>
            }
            .into_any()
        }
        Actor::Company => {
            view! { <input type="hidden" name="pide" value=Request::Comment.as_str() /> }.into_any()
        }
    };
    view! {
        <form method="post" action=format!("/evaluaciones/{assessment_id}/hilos") class="form thread__new">
            <h3>{r.new_thread}</h3>
            <input type="hidden" name="tema" value=kind />
            {subject}
            {kinds}
            <WrittenText form_key label=r.message rows=3 />
            {(side == Actor::Advisor).then(|| view! { <p class="hint">{r.message_hint}</p> })}
            <button type="submit">{r.send}</button>
        </form>
    }
    .into_any()
}

/// A message box named `texto`, with what was typed and the reason it was refused when this
/// form (`form_key`) was sent back.
#[component]
pub fn WrittenText(form_key: String, label: &'static str, rows: u32) -> impl IntoView {
    let r = use_texts().review;
    let query = use_query_map();
    let id = format!("texto-{form_key}");
    let problem_id = format!("{id}-problema");
    let returned = {
        let form_key = form_key.clone();
        move || query.read().get("hilo").is_some_and(|key| key == form_key)
    };
    let problem = {
        let returned = returned.clone();
        move || {
            returned()
                .then(|| query.read().get("error").and_then(|code| WritingProblem::parse(&code)))
                .flatten()
        }
    };
    let kept = move || if returned() { query.read().get("texto").unwrap_or_default() } else { String::new() };
    view! {
        <label for=id.clone()>{label}</label>
        {
            let problem_id = problem_id.clone();
            move || problem().map(|p| view! { <p class="field-problem" id=problem_id.clone() role="alert">{r.problem(p)}</p> })
        }
        <textarea id=id name="texto" rows=rows aria-describedby=problem_id>{kept}</textarea>
    }
    .into_any()
}

/// The threads on one subject (a gap, an action) and, folded, the form to open one on it.
#[component]
pub fn SubjectReview(review: Threads, kind: &'static str, key: String, label: String) -> impl IntoView {
    let r = use_texts().review;
    let query = use_query_map();
    let assessment_id = review.assessment_id?;
    let threads: Vec<Thread> = review.on(&key).cloned().collect();
    if threads.is_empty() && review.side.is_none() {
        return None;
    }
    let side = review.side;
    // Sent back with a problem, the form is open with what was typed in it.
    let returned = query.read_untracked().get("hilo").is_some_and(|form| form == format!("nuevo-{key}"));
    Some(
        view! {
            <div class="review__subject">
                <ThreadList assessment_id threads side />
                {side.map(|side| view! {
                    <details class="review__new" open=returned>
                        <summary>{r.new_thread}</summary>
                        <NewThreadForm assessment_id kind choices=vec![(key, label)] side />
                    </details>
                })}
            </div>
        }
        .into_any(),
    )
}
