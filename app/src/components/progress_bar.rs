//! Progress bars: answered questions, and a plan's done and verified actions.

use assessments::answers::Progress;
use assessments::plan::PlanProgress;
use leptos::prelude::*;

use crate::i18n::use_texts;

/// A bar and the count behind it: "12 / 40 questions answered".
#[component]
pub fn ProgressBar(
    #[prop(into)] progress: Signal<Progress>,
    #[prop(optional)] label: &'static str,
) -> impl IntoView {
    let t = use_texts().answering;
    let label = if label.is_empty() { t.progress } else { label };
    view! {
        <div class="progress">
            <progress
                max=move || progress.get().applicable.max(1)
                value=move || progress.get().answered
                aria-label=label
            >
                {move || format!("{}%", progress.get().percent())}
            </progress>
            <span class="progress__count">
                {move || (t.questions_answered)(progress.get().answered, progress.get().applicable)}
            </span>
        </div>
    }
}

/// The plan's progress: done and verified against all, and how many are overdue.
#[component]
pub fn PlanProgressBar(progress: PlanProgress) -> impl IntoView {
    let p = use_texts().plans;
    view! {
        <div class="progress">
            <progress max=progress.total.max(1) value=progress.done + progress.verified aria-label=p.done_or_verified>
                {format!("{}%", progress.percent())}
            </progress>
            <span class="progress__count">
                {(p.done_of)(progress.done + progress.verified, progress.total)}
                {(progress.overdue > 0).then(|| view! { " · " <strong class="overdue">{(p.overdue_count)(progress.overdue)}</strong> })}
            </span>
        </div>
    }
}
