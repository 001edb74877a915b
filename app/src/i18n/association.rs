//! The strings of an association's dashboard and of a company's answer to its requests.

use assessments::sharing::RequestState;

labels! {
    RequestStateLabels for RequestState {
        Pending => pending,
        Accepted => accepted,
        Declined => declined,
    }
}

#[derive(Debug)]
pub struct AssociationTexts {
    pub dashboard_title: &'static str,
    pub lead: &'static str,
    pub members_title: &'static str,
    pub members_pages: &'static str,
    pub no_members: &'static str,
    pub shares_progress: &'static str,
    pub shares_summary: &'static str,
    pub chart_label: fn(&str, u32) -> String,
    pub no_plan: &'static str,
    pub actions_line: fn(u32, u32, u32, u32) -> String,
    pub last_assessment: &'static str,
    pub never_submitted: &'static str,
    pub score: &'static str,
    pub aggregates_title: &'static str,
    pub aggregates_lead: fn(u32) -> String,
    pub sector: &'static str,
    pub all_sectors: &'static str,
    pub filter: &'static str,
    pub companies: fn(u32) -> String,
    pub too_few: fn(u32) -> String,
    pub would_single_out: &'static str,
    pub gaps_title: &'static str,
    pub by_section: &'static str,
    pub by_theme: &'static str,
    pub by_severity: &'static str,
    pub mean_score: &'static str,
    pub actions_title: &'static str,
    pub actions: &'static str,
    pub done: &'static str,
    pub verified: &'static str,
    pub overdue: &'static str,
    pub closed_share: &'static str,
    pub seasons_title: &'static str,
    pub season: &'static str,
    pub export_csv: &'static str,
    pub export_pdf: &'static str,
    pub ask_title: &'static str,
    pub ask_company: &'static str,
    pub ask_hint: &'static str,
    pub ask_submit: &'static str,
    pub asked: &'static str,
    pub already_asked: &'static str,
    pub already_shares: &'static str,
    pub unknown_company: &'static str,
    pub requests_title: &'static str,
    pub request_states: RequestStateLabels,
    pub requested: fn(&str, &str) -> String,
    pub to_answer_title: &'static str,
    pub what_is_shared: &'static str,
    pub never_shared: &'static str,
    pub share_summary_too: &'static str,
    pub accept: &'static str,
    pub decline: &'static str,
    pub revoke_hint: &'static str,
    pub grant_with_summary: &'static str,
    pub what_they_see: &'static str,
    pub dashboard_link: fn(&str) -> String,
    pub csv_columns: [&'static str; 4],
    pub pdf_confidential: &'static str,
    /// The catalog's themes (its requirement tags), by code.
    pub themes: [(&'static str, &'static str); 10],
}

impl AssociationTexts {
    pub fn theme(&self, code: &str) -> String {
        self.themes
            .iter()
            .find(|(c, _)| *c == code)
            .map_or_else(|| code.to_owned(), |(_, label)| (*label).to_owned())
    }
}

pub static ES: AssociationTexts = AssociationTexts {
    dashboard_title: "Panel de la asociación",
    lead: "El avance de las empresas que decidieron compartirlo con la asociación. Nunca se ven sus \
        respuestas, evidencias, comentarios ni el texto de sus acciones.",
    members_title: "Empresas que comparten su avance",
    members_pages: "Páginas de empresas que comparten",
    no_members: "Ninguna empresa comparte todavía su avance con la asociación.",
    shares_progress: "Comparte el avance de su plan",
    shares_summary: "Comparte el avance de su plan y el resumen de su última evaluación",
    chart_label: |company, percent| {
        format!("Avance del plan de {company} a lo largo del tiempo; hoy, {percent} % de acciones hechas")
    },
    no_plan: "Todavía sin plan de mejora.",
    actions_line: |total, done, verified, overdue| {
        format!("Acciones: {total} · hechas: {done} · verificadas: {verified} · vencidas: {overdue}")
    },
    last_assessment: "Última evaluación enviada",
    never_submitted: "Ninguna evaluación enviada todavía",
    score: "Puntaje",
    aggregates_title: "Cifras del conjunto",
    aggregates_lead: |minimum| {
        format!(
            "Cada cifra suma al menos {minimum} empresas (las que comparten lo que la cifra cuenta), y se \
             oculta la que, restada de otras, dejaría ver los datos de menos empresas: ningún filtro permite \
             deducir las cifras de una sola."
        )
    },
    sector: "Sector",
    all_sectors: "Todos los sectores",
    filter: "Filtrar",
    companies: |n| if n == 1 { "1 empresa".to_owned() } else { format!("{n} empresas") },
    too_few: |needs| match needs {
        1 => "Oculta: hace falta que cuente 1 empresa más para mostrarla.".to_owned(),
        n => format!("Oculta: hace falta que cuenten {n} empresas más para mostrarla."),
    },
    would_single_out: "Oculta: junto con otra cifra mostrada dejaría deducir los datos de muy pocas empresas.",
    gaps_title: "Brechas de las últimas evaluaciones",
    by_section: "Por sección",
    by_theme: "Por tema",
    by_severity: "Por gravedad",
    mean_score: "Puntaje promedio",
    actions_title: "Acciones de los planes, hoy",
    actions: "Acciones",
    done: "Hechas",
    verified: "Verificadas",
    overdue: "Vencidas",
    closed_share: "Hechas o verificadas",
    seasons_title: "Avance por temporada (noviembre a octubre)",
    season: "Temporada",
    export_csv: "Descargar CSV",
    export_pdf: "Informe PDF para el consejo",
    ask_title: "Pedir a una empresa que comparta su avance",
    ask_company: "Nombre de la empresa",
    ask_hint: "La empresa verá la solicitud y decidirá qué compartir: el avance de su plan y, si quiere, \
        el resumen de su última evaluación. Puede dejar de compartir cuando quiera.",
    ask_submit: "Enviar la solicitud",
    asked: "Solicitud enviada. La empresa la verá en su página de accesos.",
    already_asked: "Esa empresa tiene ya una solicitud de la asociación sin responder.",
    already_shares: "Esa empresa ya comparte su avance con la asociación.",
    unknown_company: "No hay ninguna empresa con ese nombre. Escríbalo como aparece en la lista.",
    requests_title: "Solicitudes enviadas",
    request_states: RequestStateLabels {
        pending: "Sin respuesta",
        accepted: "Aceptada",
        declined: "Rechazada",
    },
    requested: |who, when| format!("Pedida por {who} el {when}"),
    to_answer_title: "Solicitudes de asociaciones",
    what_is_shared: "Si acepta, la asociación verá, con el nombre de su empresa, el avance de su plan de \
        mejora (cuántas acciones, hechas, verificadas y vencidas, y su evolución) y la fecha de su última \
        evaluación enviada, y podrá incluirlos en sus informes (CSV y PDF). Sus cifras también se suman \
        a las del conjunto de empresas.",
    never_shared: "Nunca verá sus respuestas, evidencias, comentarios ni el texto de sus acciones.",
    share_summary_too: "Compartir también el resumen de la última evaluación: puntaje, calificación y \
        número de brechas por sección, tema y gravedad",
    accept: "Aceptar y compartir",
    decline: "Rechazar",
    revoke_hint: "Puede dejar de compartir en cualquier momento con «Retirar»: la asociación deja de ver \
        sus datos, y sus cifras dejan de contar en las de conjunto, desde su siguiente visita.",
    grant_with_summary: "Avance del plan y resumen de la última evaluación",
    what_they_see: "Ver exactamente lo que recibe la asociación",
    dashboard_link: |name| format!("Panel de {name}"),
    csv_columns: ["Parte", "Empresa o sector", "Cifra", "Valor"],
    pdf_confidential: "Cifras que las empresas compartieron con la asociación, para su consejo.",
    themes: [
        ("TI", "Trabajo infantil"),
        ("TF", "Trabajo forzoso"),
        ("SAL", "Salarios"),
        ("JOR", "Jornada"),
        ("SST", "Seguridad y salud"),
        ("SS", "Seguridad social"),
        ("REG", "Contratación y registro"),
        ("DIS", "Discriminación"),
        ("VIO", "Violencia y acoso"),
        ("LS", "Libertad sindical"),
    ],
};

pub static EN: AssociationTexts = AssociationTexts {
    dashboard_title: "Association dashboard",
    lead: "The progress of the companies that chose to share it with the association. Their answers, \
        evidence, comments and action texts are never shown.",
    members_title: "Companies sharing their progress",
    members_pages: "Pages of companies sharing",
    no_members: "No company shares its progress with the association yet.",
    shares_progress: "Shares its plan progress",
    shares_summary: "Shares its plan progress and its latest assessment's summary",
    chart_label: |company, percent| {
        format!("Plan progress of {company} over time; today {percent}% of actions done")
    },
    no_plan: "No improvement plan yet.",
    actions_line: |total, done, verified, overdue| {
        format!("Actions: {total} · done: {done} · verified: {verified} · overdue: {overdue}")
    },
    last_assessment: "Latest assessment submitted",
    never_submitted: "No assessment submitted yet",
    score: "Score",
    aggregates_title: "Figures across members",
    aggregates_lead: |minimum| {
        format!(
            "Every figure adds up at least {minimum} companies (those that share what it counts), and a \
             figure that, subtracted from others, would show fewer companies' data is withheld: no filter \
             lets anyone work out one company's figures."
        )
    },
    sector: "Sector",
    all_sectors: "All sectors",
    filter: "Filter",
    companies: |n| if n == 1 { "1 company".to_owned() } else { format!("{n} companies") },
    too_few: |needs| match needs {
        1 => "Withheld: 1 more company needs to count in it before it shows.".to_owned(),
        n => format!("Withheld: {n} more companies need to count in it before it shows."),
    },
    would_single_out: "Withheld: together with another figure shown it would reveal very few companies' data.",
    gaps_title: "Gaps of the latest assessments",
    by_section: "By section",
    by_theme: "By theme",
    by_severity: "By severity",
    mean_score: "Mean score",
    actions_title: "Plan actions, today",
    actions: "Actions",
    done: "Done",
    verified: "Verified",
    overdue: "Overdue",
    closed_share: "Done or verified",
    seasons_title: "Progress by season (November to October)",
    season: "Season",
    export_csv: "Download CSV",
    export_pdf: "PDF report for the board",
    ask_title: "Ask a company to share its progress",
    ask_company: "Company name",
    ask_hint: "The company sees the request and chooses what to share: its plan progress and, if it \
        wishes, its latest assessment's summary. It may stop sharing whenever it wants.",
    ask_submit: "Send the request",
    asked: "Request sent. The company will see it on its access page.",
    already_asked: "That company already has an unanswered request from the association.",
    already_shares: "That company already shares its progress with the association.",
    unknown_company: "No company has that name. Write it as the list shows it.",
    requests_title: "Requests sent",
    request_states: RequestStateLabels {
        pending: "Not answered",
        accepted: "Accepted",
        declined: "Declined",
    },
    requested: |who, when| format!("Asked by {who} on {when}"),
    to_answer_title: "Requests from associations",
    what_is_shared: "If you accept, the association sees, under your company's name, your improvement \
        plan's progress (how many actions, done, verified and overdue, and how that changed) and the date \
        of your latest assessment submitted, and may include them in its reports (CSV and PDF). Your \
        figures are also added to those across members.",
    never_shared: "It never sees your answers, evidence, comments or the text of your actions.",
    share_summary_too: "Also share the latest assessment's summary: score, rating and number of gaps by \
        section, theme and severity",
    accept: "Accept and share",
    decline: "Decline",
    revoke_hint: "You may stop sharing at any time with “Revoke”: from the association's next visit it no \
        longer sees your data, and your figures no longer count in the figures across members.",
    grant_with_summary: "Plan progress and latest assessment summary",
    what_they_see: "See exactly what the association receives",
    dashboard_link: |name| format!("Dashboard of {name}"),
    csv_columns: ["Part", "Company or sector", "Figure", "Value"],
    pdf_confidential: "Figures the companies shared with the association, for its board.",
    themes: [
        ("TI", "Child labour"),
        ("TF", "Forced labour"),
        ("SAL", "Wages"),
        ("JOR", "Working hours"),
        ("SST", "Safety and health"),
        ("SS", "Social security"),
        ("REG", "Hiring and registration"),
        ("DIS", "Discrimination"),
        ("VIO", "Violence and harassment"),
        ("LS", "Freedom of association"),
    ],
};
