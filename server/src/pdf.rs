//! The improvement plan as a PDF a company can hand to its director: a cover with the company,
//! questionnaire, date, score and rating; the section scores as a bar chart; the gaps with their
//! legal citations; the action table flowing across pages with its header repeated; page
//! numbers, the generation date and a confidentiality line naming the company on every page.
//!
//! Composed here from the gap report and the plan's actions; laid out by [`layout`] (pure,
//! tested); drawn by [`render`] with printpdf in DejaVu Sans, embedded (subset) so that every
//! accent and ñ prints the same on any reader.

mod fonts;
pub mod layout;
mod paper;
mod render;

pub use paper::paper_pdf;

use app::i18n::texts;
use app::model::association::Dashboard;
use app::model::plan::PlanPage;
use app::model::report::GapReport;
use assessments::Language;
use chrono::NaiveDate;

use self::layout::{AMBER, Column, FIELD, INK, Layout, MARGIN, RED, Rgb, SOFT_INK, TRACK, line_height};

/// The plan of `plan`, scored by `report`, in `language`, generated on `today`.
pub fn plan_pdf(report: &GapReport, plan: &PlanPage, language: Language, today: NaiveDate) -> Vec<u8> {
    compose(report, Some(plan), language, today)
}

/// The gap report alone: the same cover, chart and gaps, without the action table.
pub fn report_pdf(report: &GapReport, language: Language, today: NaiveDate) -> Vec<u8> {
    compose(report, None, language, today)
}

/// An association's dashboard as a report for its board: the association, the sector and the
/// minimum every figure rests on; a table of the members, a line each; then each part of the
/// figures across members (the `rows` the CSV carries too), shown or why withheld.
pub fn dashboard_pdf(dashboard: &Dashboard, rows: &[[String; 4]], language: Language) -> Vec<u8> {
    let t = texts(language);
    let a = t.association;
    let name = &dashboard.association.name;
    let mut layout = Layout::new();
    layout.space(20.0);
    layout.paragraph(a.dashboard_title, 22.0, true, FIELD);
    layout.space(3.0);
    layout.paragraph(name, 15.0, true, INK);
    layout.space(4.0);
    let sector = dashboard.sector.map_or(a.all_sectors, |s| t.sector(s));
    layout.paragraph(&format!("{}: {sector}", a.sector), 11.0, false, INK);
    layout.paragraph(&format!("{}: {}", t.plans.pdf_generated_on, dashboard.today), 11.0, false, SOFT_INK);
    layout.space(4.0);
    layout.paragraph(a.lead, 9.5, false, INK);
    layout.paragraph(&(a.aggregates_lead)(dashboard.minimum), 9.5, false, INK);
    layout.space(6.0);
    layout.paragraph(a.members_title, 13.0, true, FIELD);
    layout.space(2.0);
    let column = |title: &str, width: f32| Column { title: title.to_owned(), width };
    let columns = [
        column(a.ask_company, 50.0),
        column(a.actions, 18.0),
        column(a.done, 18.0),
        column(a.verified, 20.0),
        column(a.overdue, 18.0),
        column(a.last_assessment, 28.0),
        column(a.score, 22.0),
    ];
    let members: Vec<Vec<String>> = dashboard
        .members
        .iter()
        .map(|m| {
            let plan = m.plan.as_ref();
            let figure = |f: fn(&assessments::sharing::PlanFigures) -> u32| {
                plan.map_or_else(String::new, |p| f(p).to_string())
            };
            vec![
                m.company.name.clone(),
                figure(|p| p.actions),
                figure(|p| p.done),
                figure(|p| p.verified),
                figure(|p| p.overdue),
                m.last_submitted.map_or_else(|| "—".to_owned(), |at| app::components::day(&at)),
                m.summary.as_ref().and_then(|s| s.score).map_or_else(|| "—".to_owned(), |s| s.to_string()),
            ]
        })
        .collect();
    layout.table(&columns, &members, 8.5);
    // The figures across members, part by part: the rows after the members'.
    let mut parts: Vec<(&str, Vec<Vec<String>>)> = Vec::new();
    for [part, _, figure, value] in rows.iter().filter(|row| row[0] != a.members_title) {
        match parts.last_mut() {
            Some((name, lines)) if *name == part.as_str() => lines.push(vec![figure.clone(), value.clone()]),
            _ => parts.push((part, vec![vec![figure.clone(), value.clone()]])),
        }
    }
    let columns = [column(a.csv_columns[2], 124.0), column(a.csv_columns[3], 50.0)];
    for (part, lines) in parts {
        layout.space(5.0);
        layout.ensure(20.0);
        layout.paragraph(part, 12.0, true, FIELD);
        layout.table(&columns, &lines, 8.5);
    }
    footers(&mut layout, &format!("{name}. {}", a.pdf_confidential), language, dashboard.today);
    render::render(&format!("{} · {name}", a.dashboard_title), &layout.pages)
}

fn compose(report: &GapReport, plan: Option<&PlanPage>, language: Language, today: NaiveDate) -> Vec<u8> {
    let t = texts(language);
    let (r, p) = (t.report, t.plans);
    let company = &report.header.company.name;
    let title = if plan.is_some() { p.title } else { r.title };
    let mut layout = Layout::new();

    // Cover.
    layout.space(30.0);
    layout.paragraph(title, 24.0, true, FIELD);
    layout.space(4.0);
    layout.paragraph(company, 16.0, true, INK);
    layout.space(8.0);
    let questionnaire = format!("{} · v{}", report.title.get(language), report.header.questionnaire_version);
    layout.paragraph(&questionnaire, 11.0, false, INK);
    let assessed = report.header.submitted_at.unwrap_or(report.header.started_at);
    layout.paragraph(
        &format!("{}: {}", p.pdf_assessment_date, app::components::day(&assessed)),
        11.0,
        false,
        INK,
    );
    layout.paragraph(&format!("{}: {}", r.reference_date, report.header.reference_date), 11.0, false, INK);
    layout.paragraph(&format!("{}: {today}", p.pdf_generated_on), 11.0, false, SOFT_INK);
    layout.space(10.0);
    let score = report.overall.map_or_else(|| "—".to_owned(), |s| format!("{s} {}", r.of_100));
    layout.paragraph(&format!("{}: {score}", r.overall), 14.0, true, INK);
    if let Some(rating) = report.rating {
        let color = if rating == assessments::scoring::Rating::Critical { RED } else { INK };
        layout.paragraph(&format!("{}: {}", r.rating, r.rating(rating)), 14.0, true, color);
        if rating == assessments::scoring::Rating::Critical {
            layout.space(2.0);
            layout.paragraph(r.critical_explained, 10.0, false, RED);
        }
    }
    if let Some(plan) = plan {
        let progress = plan.progress;
        layout.space(4.0);
        layout.paragraph(&(p.done_of)(progress.done + progress.verified, progress.total), 11.0, false, INK);
    }
    reviews(&mut layout, report, language);
    layout.space(10.0);
    layout.paragraph(r.how_scored, 9.0, false, SOFT_INK);
    legal_values(&mut layout, report, language);

    // Section scores as a bar chart.
    layout.new_page();
    layout.paragraph(r.chart_title, 15.0, true, FIELD);
    layout.space(3.0);
    let bar_width = 120.0;
    for section in &report.sections {
        layout.ensure(12.0);
        layout.paragraph(section.title.get(language), 9.5, false, INK);
        let y = layout.y + 0.5;
        layout.rect(MARGIN, y, bar_width, 4.0, TRACK);
        if let Some(score) = section.score {
            layout.rect(MARGIN, y, bar_width * score as f32 / 100.0, 4.0, band(score));
        }
        let value = section.score.map_or_else(|| "—".to_owned(), |s| s.to_string());
        layout.paragraph_at(MARGIN + bar_width + 3.0, 30.0, &value, 9.5, true, INK);
        layout.y = y + 6.5;
    }

    // Gaps with their legal citations.
    layout.space(6.0);
    layout.ensure(20.0);
    layout.paragraph(r.gaps_title, 15.0, true, FIELD);
    if report.gaps.is_empty() {
        layout.paragraph(r.no_gaps, 10.0, false, INK);
    }
    // Zero-tolerance findings first: no score offsets them.
    for gap in report.findings_first() {
        layout.space(2.5);
        layout.ensure(line_height(10.0) * 3.0);
        let citation = &gap.citation;
        let unconfirmed =
            if citation.confirmed { String::new() } else { format!(" ({})", t.answering.unconfirmed) };
        let finding = if gap.zero_tolerance { format!(" · {}", r.findings_title) } else { String::new() };
        let head = format!(
            "{} · {}{finding} — {}, {}{unconfirmed}",
            r.severity(gap.severity),
            r.status(gap.status),
            citation.instrument.get(language),
            citation.article
        );
        let color = if gap.severity == assessments::catalog::Severity::Critical { RED } else { INK };
        layout.paragraph(&head, 10.0, true, color);
        layout.paragraph(citation.summary.get(language), 9.5, false, INK);
        for cause in &gap.causes {
            let answer = format!(
                "{} — {}: {}",
                cause.question.get(language),
                r.answer,
                t.answering.describe(&cause.kind, &cause.answer, language)
            );
            layout.paragraph_at(MARGIN + 4.0, layout::CONTENT_WIDTH - 4.0, &answer, 9.0, false, SOFT_INK);
        }
    }

    scope_and_bases(&mut layout, report, language);

    // The action table.
    if let Some(plan) = plan {
        action_table(&mut layout, plan, language);
    }
    footers(&mut layout, &format!("{company}. {}", p.pdf_confidential), language, today);
    render::render(&format!("{title} · {company}"), &layout.pages)
}

fn action_table(layout: &mut Layout, plan: &PlanPage, language: Language) {
    let t = texts(language);
    let (r, p) = (t.report, t.plans);
    layout.new_page();
    layout.paragraph(p.pdf_actions_title, 15.0, true, FIELD);
    layout.space(3.0);
    let columns = [
        Column { title: p.action.to_owned(), width: 66.0 },
        Column { title: p.owner.to_owned(), width: 28.0 },
        Column { title: p.due.to_owned(), width: 22.0 },
        Column { title: p.status.to_owned(), width: 20.0 },
        Column { title: p.last_note.to_owned(), width: 38.0 },
    ];
    let rows: Vec<Vec<String>> = plan
        .actions
        .iter()
        .map(|line| {
            let action = &line.action;
            let overdue = if line.overdue { format!(" ({})", p.overdue) } else { String::new() };
            vec![
                format!("[{}] {}", r.severity(action.severity), action.text.get(language)),
                action.owner.clone(),
                format!("{}{overdue}", action.due_date),
                p.status(action.status).to_owned(),
                action.last_note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    layout.table(&columns, &rows, 8.5);
}

/// The foot of every page, once their number is known.
fn footers(layout: &mut Layout, confidential: &str, language: Language, today: NaiveDate) {
    let p = texts(language).plans;
    let total = layout.pages.len();
    for (index, page) in layout.pages.iter_mut().enumerate() {
        let footer_y = layout::PAGE_HEIGHT - MARGIN + 2.0;
        page.items.push(layout::Item::Line {
            x1: MARGIN,
            y1: footer_y - 6.0,
            x2: layout::PAGE_WIDTH - MARGIN,
            y2: footer_y - 6.0,
            color: TRACK,
        });
        page.items.push(layout::Item::Text {
            x: MARGIN,
            y: footer_y - 2.0,
            size: 7.5,
            bold: false,
            color: SOFT_INK,
            text: confidential.to_owned(),
        });
        let numbering =
            format!("{} {} {} {total} · {} {today}", p.pdf_page, index + 1, p.pdf_of, p.pdf_generated_on);
        page.items.push(layout::Item::Text {
            x: MARGIN,
            y: footer_y + 2.0,
            size: 7.5,
            bold: false,
            color: SOFT_INK,
            text: numbering,
        });
    }
}

/// What the score does not cover — every "not applicable" with its reason, every question the
/// answers hid — and what it rests on: the declared share and each met requirement's basis.
fn scope_and_bases(layout: &mut Layout, report: &GapReport, language: Language) {
    let t = texts(language);
    let (r, a) = (t.report, t.answering);
    let heading = |layout: &mut Layout, title: &str, lead: &str| {
        layout.space(6.0);
        layout.ensure(20.0);
        layout.paragraph(title, 13.0, true, FIELD);
        layout.paragraph(lead, 9.0, false, SOFT_INK);
    };
    heading(layout, r.exclusions_title, r.exclusions_lead);
    if report.exclusions.is_empty() {
        layout.paragraph(r.exclusions_none, 9.5, false, INK);
    }
    for exclusion in &report.exclusions {
        let line = format!(
            "{} — {}: {}",
            exclusion.question.get(language),
            r.reason,
            exclusion.reason_or(r.no_reason)
        );
        layout.paragraph(&line, 9.5, false, INK);
    }
    if !report.left_out.is_empty() {
        heading(layout, r.left_out_title, r.left_out_lead);
        for left in &report.left_out {
            let answer = left.because_answer.as_ref().map_or_else(
                || r.no_answer.to_owned(),
                |value| a.describe(&left.because_kind, value, language),
            );
            let line = format!(
                "{} — {} {}: {answer}",
                left.question.get(language),
                r.because,
                left.because_of.get(language)
            );
            layout.paragraph(&line, 9.5, false, INK);
        }
    }
    if !report.warnings.is_empty() {
        heading(layout, r.warnings_title, r.warnings_lead);
        for warning in &report.warnings {
            let line = format!(
                "{} — {}: {}",
                warning.question.get(language),
                warning.answer.get(language),
                warning.warning.get(language)
            );
            layout.paragraph(&line, 9.5, false, INK);
        }
    }
    heading(layout, r.met_title, r.met_lead);
    if let Some(share) = report.declared_share {
        layout.paragraph(&(r.declared_share)(share), 9.5, true, INK);
    }
    if report.met.is_empty() {
        layout.paragraph(r.met_none, 9.5, false, INK);
    }
    for met in &report.met {
        let citation = &met.citation;
        let line =
            format!("{}, {} — {}", citation.instrument.get(language), citation.article, r.basis_of(met));
        layout.paragraph(&line, 9.5, false, INK);
    }
}

/// The signed reviews, on the cover: who reviewed the assessment, when, and what they concluded.
fn reviews(layout: &mut Layout, report: &GapReport, language: Language) {
    if report.reviews.is_empty() {
        return;
    }
    let r = texts(language).review;
    layout.space(8.0);
    layout.paragraph(r.reviews_title, 13.0, true, FIELD);
    for review in &report.reviews {
        layout.space(2.0);
        let by = format!(
            "{} {}",
            (r.reviewed_by)(&review.reviewer, &review.organization),
            app::components::day(&review.signed_at)
        );
        layout.paragraph(&by, 10.0, true, INK);
        if review.predates(report.header.submitted_at) {
            layout.paragraph(r.review_predates, 9.0, false, RED);
        }
        layout.paragraph(&review.summary, 10.0, false, INK);
    }
}

/// The legal values the questionnaire was read with, on its reference date: what the score rests on.
fn legal_values(layout: &mut Layout, report: &GapReport, language: Language) {
    if report.parameters.is_empty() {
        return;
    }
    let r = texts(language).report;
    layout.space(8.0);
    layout.paragraph(r.parameters_used_title, 11.0, true, INK);
    layout.paragraph(r.parameters_used_lead, 9.0, false, SOFT_INK);
    for value in &report.parameters {
        let until = value.until.map(|until| until.to_string());
        let unconfirmed = if value.confidence == assessments::catalog::Confidence::Unconfirmed {
            format!("; {}", r.unconfirmed)
        } else {
            String::new()
        };
        let line = format!(
            "{}: {} {} ({}; {}{unconfirmed})",
            value.label.get(language),
            value.written(),
            value.unit.get(language),
            (r.period)(&value.from.to_string(), until.as_deref()),
            value.basis,
        );
        layout.paragraph(&line, 9.0, false, INK);
    }
}

/// The colour of a score's bar, by the rating's thresholds.
fn band(score: u32) -> Rgb {
    use assessments::scoring::{ACCEPTABLE_FROM, NEEDS_IMPROVEMENT_FROM};
    if score >= ACCEPTABLE_FROM {
        FIELD
    } else if score >= NEEDS_IMPROVEMENT_FROM {
        AMBER
    } else {
        RED
    }
}
