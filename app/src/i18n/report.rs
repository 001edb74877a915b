//! The strings of the gap report.

use assessments::catalog::Severity;
use assessments::scoring::{Basis, Rating, RequirementStatus, Seen};

labels! {
    RatingLabels for Rating {
        Critical => critical,
        Poor => poor,
        NeedsImprovement => needs_improvement,
        Acceptable => acceptable,
        Good => good,
    }
}

labels! {
    RequirementStatusLabels for RequirementStatus {
        Met => met,
        PartlyMet => partly_met,
        NotMet => not_met,
        NotApplicable => not_applicable,
        NotAnswered => not_answered,
    }
}

labels! {
    SeverityLabels for Severity {
        Critical => critical,
        High => high,
        Medium => medium,
        Low => low,
    }
}

labels! {
    BasisLabels for Basis {
        Declared => declared,
        Evidenced => evidenced,
        Verified => verified,
    }
}

labels! {
    SeenLabels for Seen {
        OnSite => on_site,
        OnFile => on_file,
    }
}

#[derive(Debug)]
pub struct ReportTexts {
    pub title: &'static str,
    pub open_report: &'static str,
    pub overall: &'static str,
    pub of_100: &'static str,
    pub rating: &'static str,
    pub ratings: RatingLabels,
    pub critical_explained: &'static str,
    pub findings_title: &'static str,
    pub findings_lead: &'static str,
    pub bases: BasisLabels,
    pub seen: SeenLabels,
    /// "verified by Ana, 2026-11-30, on site".
    pub verified_by: fn(&str, &str, &str) -> String,
    pub verify: &'static str,
    pub verify_changed: &'static str,
    /// "N % of the points rest on the company's word alone".
    pub declared_share: fn(u32) -> String,
    pub met_title: &'static str,
    pub met_lead: &'static str,
    pub met_none: &'static str,
    pub requirement: &'static str,
    pub basis_heading: &'static str,
    pub exclusions_title: &'static str,
    pub exclusions_lead: &'static str,
    pub exclusions_none: &'static str,
    pub reason: &'static str,
    pub no_reason: &'static str,
    pub warnings_title: &'static str,
    pub warnings_lead: &'static str,
    /// The status column of a warning's row in the CSV.
    pub warning_status: &'static str,
    pub left_out_title: &'static str,
    pub left_out_lead: &'static str,
    pub because: &'static str,
    pub no_answer: &'static str,
    pub unassessed: &'static str,
    pub no_score: &'static str,
    pub scored_on: &'static str,
    pub reference_date: &'static str,
    pub parameters_used_title: &'static str,
    pub parameters_used_lead: &'static str,
    pub parameters_title: &'static str,
    pub parameters_lead: &'static str,
    pub parameters_link: &'static str,
    pub basis: &'static str,
    pub source: &'static str,
    pub value: &'static str,
    pub in_force: &'static str,
    /// "from 2026-01-01" or "from 2026-01-01 to 2026-12-31".
    pub period: fn(&str, Option<&str>) -> String,
    pub unconfirmed: &'static str,
    pub amount_unconfirmed: &'static str,
    pub how_scored: &'static str,
    pub chart_title: &'static str,
    pub section: &'static str,
    pub score: &'static str,
    pub gaps: &'static str,
    pub previous: &'static str,
    pub gaps_title: &'static str,
    pub no_gaps: &'static str,
    pub severities: SeverityLabels,
    pub requirement_statuses: RequirementStatusLabels,
    pub answer: &'static str,
    pub action: &'static str,
    pub also_before: &'static str,
    pub comparison_title: &'static str,
    pub comparison_rules: &'static str,
    pub previous_assessment: &'static str,
    pub closed_title: &'static str,
    pub none_closed: &'static str,
    /// How many gaps the previous assessment did not have.
    pub new_gaps: fn(u32) -> String,
    pub download_csv: &'static str,
    pub download_pdf: &'static str,
    pub section_live: &'static str,
    pub csv_columns: [&'static str; 12],
    pub yes: &'static str,
}

impl ReportTexts {
    pub fn rating(&self, rating: Rating) -> &'static str {
        self.ratings.get(rating)
    }

    pub fn basis(&self, basis: Basis) -> &'static str {
        self.bases.get(basis)
    }

    /// A met requirement's basis, with who verified it, when and how.
    pub fn basis_of(&self, line: &crate::model::report::MetLine) -> String {
        match &line.verified {
            Some(v) => format!(
                "{} {}",
                self.basis(line.basis),
                (self.verified_by)(&v.by, &v.at.date_naive().to_string(), self.seen.get(v.seen))
            ),
            None => self.basis(line.basis).to_owned(),
        }
    }

    pub fn severity(&self, severity: Severity) -> &'static str {
        self.severities.get(severity)
    }

    pub fn status(&self, status: RequirementStatus) -> &'static str {
        self.requirement_statuses.get(status)
    }
}

pub static ES: ReportTexts = ReportTexts {
    title: "Informe de brechas",
    open_report: "Ver el informe de brechas",
    overall: "Puntaje general",
    of_100: "de 100",
    rating: "Calificación",
    ratings: RatingLabels {
        critical: "Crítica",
        poor: "Deficiente",
        needs_improvement: "Necesita mejorar",
        acceptable: "Aceptable",
        good: "Buena",
    },
    critical_explained: "Hay al menos un hallazgo de tolerancia cero (trabajo infantil, labores peligrosas de \
                         menores o trabajo forzoso): la calificación es crítica sea cual sea el puntaje.",
    findings_title: "Hallazgos de tolerancia cero",
    findings_lead: "Respuestas que indican trabajo infantil, labores peligrosas de menores o trabajo forzoso. \
                    Ningún puntaje las compensa: atiéndalas antes que cualquier otra brecha.",
    bases: BasisLabels { declared: "Declarado", evidenced: "Con evidencia", verified: "Verificado" },
    seen: SeenLabels { on_site: "Visto en sitio", on_file: "Visto en archivo" },
    verified_by: |who, day, seen| format!("por {who}, {day}, {}", seen.to_lowercase()),
    verify: "Verificar",
    verify_changed: "Las respuestas o la evidencia de ese requisito cambiaron desde que abrió el informe: no se \
                     registró la verificación. Revíselas y verifique de nuevo.",
    declared_share: |share| {
        format!(
            "El {share} % de los puntos obtenidos descansa solo en la palabra de la empresa (respuestas sin evidencia adjunta)."
        )
    },
    met_title: "Requisitos cumplidos y en qué se basan",
    met_lead: "Declarado: solo la respuesta de la empresa. Con evidencia: cada respuesta que lo sostiene tiene un \
               documento adjunto. Verificado: una asesora con acceso vio la evidencia, y ninguna respuesta cambió \
               desde entonces.",
    met_none: "Ningún requisito se cumple por completo todavía.",
    requirement: "Requisito",
    basis_heading: "Base",
    exclusions_title: "Lo que la empresa declaró que no aplica",
    exclusions_lead: "Estas preguntas no cuentan en el puntaje. Cada una lleva la razón que dio la empresa.",
    exclusions_none: "Ninguna pregunta se respondió como «no aplica».",
    reason: "Razón",
    no_reason: "(sin razón: respondida antes de que se pidiera)",
    warnings_title: "Señales para revisar",
    warnings_lead: "Respuestas que no son una brecha, pero que una asesora revisaría.",
    warning_status: "Señal para revisar",
    left_out_title: "Lo que el perfil dejó fuera",
    left_out_lead: "Preguntas que no se hicieron por una respuesta anterior (casi siempre del perfil). Una \
                    asesora puede pedir que se revise esa respuesta.",
    because: "porque",
    no_answer: "sin respuesta",
    unassessed: "Queda sin evaluar",
    no_score: "Todavía no hay respuestas que calificar.",
    scored_on: "Calificada con fecha",
    reference_date: "Fecha de referencia",
    parameters_used_title: "Valores legales usados",
    parameters_used_lead: "Las cifras legales que cambian con el tiempo se leen en la fecha de referencia de esta \
                           autoevaluación:",
    parameters_title: "Valores legales por fecha",
    parameters_lead: "Las cifras de la ley que cambian con el tiempo, con los días en que rigen, su fundamento y \
                      la fuente donde se confirmaron. Cada autoevaluación se lee con las vigentes en su fecha de \
                      referencia.",
    parameters_link: "Todos los valores legales, con sus fechas y fuentes",
    basis: "Fundamento",
    source: "Fuente",
    value: "Valor",
    in_force: "Vigencia",
    period: |from, until| match until {
        Some(until) => format!("del {from} al {until}"),
        None => format!("desde el {from}"),
    },
    unconfirmed: "no confirmado",
    amount_unconfirmed: "monto no confirmado",
    how_scored: "Cada respuesta pesa según el requisito más grave que verifica (crítico 4, alto 3, medio 2, \
                 bajo 1): si cumple suma todo su peso, si cumple parcialmente la mitad, si no cumple nada; \
                 lo que no aplica no cuenta. El puntaje es lo obtenido entre lo posible, de 0 a 100.",
    chart_title: "Puntaje por sección",
    section: "Sección",
    score: "Puntaje",
    gaps: "Brechas",
    previous: "Antes",
    gaps_title: "Brechas por sección",
    no_gaps: "Sin brechas: todas las respuestas calificadas cumplen.",
    severities: SeverityLabels { critical: "Crítica", high: "Alta", medium: "Media", low: "Baja" },
    requirement_statuses: RequirementStatusLabels {
        met: "Cumple",
        partly_met: "Cumple parcialmente",
        not_met: "No cumple",
        not_applicable: "No aplica",
        not_answered: "Sin respuesta",
    },
    answer: "Respuesta",
    action: "Acción sugerida",
    also_before: "También en la autoevaluación anterior",
    comparison_title: "Comparación con la autoevaluación anterior",
    comparison_rules: "Las dos autoevaluaciones se califican con las reglas de hoy: un cambio de reglas no pasa por avance ni por retroceso.",
    previous_assessment: "Autoevaluación anterior",
    closed_title: "Brechas cerradas desde entonces",
    none_closed: "Ninguna brecha se cerró.",
    new_gaps: |count| match count {
        1 => "1 brecha nueva".to_owned(),
        _ => format!("{count} brechas nuevas"),
    },
    download_csv: "Descargar las brechas (CSV)",
    download_pdf: "Descargar el informe (PDF)",
    section_live: "Puntaje de la sección",
    csv_columns: [
        "Sección",
        "Gravedad",
        "Estado",
        "Ordenamiento",
        "Artículo",
        "Clave del requisito",
        "Requisito",
        "Pregunta",
        "Respuesta",
        "Acción sugerida",
        "Tolerancia cero",
        "Base",
    ],
    yes: "Sí",
};

pub static EN: ReportTexts = ReportTexts {
    title: "Gap report",
    open_report: "See the gap report",
    overall: "Overall score",
    of_100: "out of 100",
    rating: "Rating",
    ratings: RatingLabels {
        critical: "Critical",
        poor: "Poor",
        needs_improvement: "Needs improvement",
        acceptable: "Acceptable",
        good: "Good",
    },
    critical_explained: "There is at least one zero-tolerance finding (child labor, hazardous work by minors or \
                         forced labor): the rating is critical whatever the score.",
    findings_title: "Zero-tolerance findings",
    findings_lead: "Answers that point to child labor, hazardous work by minors or forced labor. No score offsets \
                    them: deal with them before any other gap.",
    bases: BasisLabels { declared: "Declared", evidenced: "Evidenced", verified: "Verified" },
    seen: SeenLabels { on_site: "Seen on site", on_file: "Seen on file" },
    verified_by: |who, day, seen| format!("by {who}, {day}, {}", seen.to_lowercase()),
    verify: "Verify",
    verify_changed: "The answers or evidence behind that requirement changed since you opened the report: the \
                     verification was not recorded. Look at them and verify again.",
    declared_share: |share| {
        format!(
            "{share} % of the points earned rest on the company's word alone (answers without attached evidence)."
        )
    },
    met_title: "Requirements met, and what they rest on",
    met_lead: "Declared: the company's answer alone. Evidenced: every answer behind it has a document attached. \
               Verified: an advisor with access saw the evidence, and no answer changed since.",
    met_none: "No requirement is fully met yet.",
    requirement: "Requirement",
    basis_heading: "Basis",
    exclusions_title: "What the company declared not applicable",
    exclusions_lead: "These questions do not count in the score. Each carries the reason the company gave.",
    exclusions_none: "No question was answered \"not applicable\".",
    reason: "Reason",
    no_reason: "(no reason: answered before one was asked)",
    warnings_title: "Signs to look into",
    warnings_lead: "Answers that are no gap, but that an advisor would look into.",
    warning_status: "Sign to look into",
    left_out_title: "What the profile left out",
    left_out_lead: "Questions not asked because of an earlier answer (most often in the profile). An advisor may \
                    ask for that answer to be reviewed.",
    because: "because",
    no_answer: "no answer",
    unassessed: "Left unassessed",
    no_score: "No answers to score yet.",
    scored_on: "Scored as of",
    reference_date: "Reference date",
    parameters_used_title: "Legal values used",
    parameters_used_lead: "Legal figures that change over time are read on this self-assessment's reference date:",
    parameters_title: "Legal values by date",
    parameters_lead: "The figures of the law that change over time, with the days they are in force, their legal \
                      basis and the source where they were confirmed. Each self-assessment is read with those in \
                      force on its reference date.",
    parameters_link: "Every legal value, with its dates and sources",
    basis: "Legal basis",
    source: "Source",
    value: "Value",
    in_force: "In force",
    period: |from, until| match until {
        Some(until) => format!("from {from} to {until}"),
        None => format!("from {from}"),
    },
    unconfirmed: "unconfirmed",
    amount_unconfirmed: "amount not confirmed",
    how_scored: "Each answer weighs as the most severe requirement it verifies (critical 4, high 3, medium 2, \
                 low 1): compliant earns its full weight, partly compliant half, not compliant nothing; what \
                 does not apply does not count. The score is earned over possible, from 0 to 100.",
    chart_title: "Score by section",
    section: "Section",
    score: "Score",
    gaps: "Gaps",
    previous: "Before",
    gaps_title: "Gaps by section",
    no_gaps: "No gaps: every scored answer is compliant.",
    severities: SeverityLabels { critical: "Critical", high: "High", medium: "Medium", low: "Low" },
    requirement_statuses: RequirementStatusLabels {
        met: "Met",
        partly_met: "Partly met",
        not_met: "Not met",
        not_applicable: "Not applicable",
        not_answered: "Not answered",
    },
    answer: "Answer",
    action: "Suggested action",
    also_before: "Also in the previous self-assessment",
    comparison_title: "Compared with the previous self-assessment",
    comparison_rules: "Both self-assessments are scored under today's rules: a change of rules never passes for progress or for a setback.",
    previous_assessment: "Previous self-assessment",
    closed_title: "Gaps closed since",
    none_closed: "No gap was closed.",
    new_gaps: |count| match count {
        1 => "1 new gap".to_owned(),
        _ => format!("{count} new gaps"),
    },
    download_csv: "Download the gaps (CSV)",
    download_pdf: "Download the report (PDF)",
    section_live: "Section score",
    csv_columns: [
        "Section",
        "Severity",
        "Status",
        "Instrument",
        "Article",
        "Requirement id",
        "Requirement",
        "Question",
        "Answer",
        "Suggested action",
        "Zero tolerance",
        "Basis",
    ],
    yes: "Yes",
};
