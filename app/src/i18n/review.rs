//! The strings of an advisor's review and of each person's waiting work.

use assessments::review::{Request, ThreadState, WritingProblem};

labels! {
    RequestLabels for Request {
        Comment => comment,
        Accepted => accepted,
        NeedsEvidence => needs_evidence,
        Question => question,
    }
}

labels! {
    ThreadStateLabels for ThreadState {
        Open => open,
        Answered => answered,
        Resolved => resolved,
    }
}

labels! {
    WritingProblemLabels for WritingProblem {
        Empty => empty,
        TooLong => too_long,
    }
}

#[derive(Debug)]
pub struct ReviewTexts {
    pub threads_title: &'static str,
    pub requests: RequestLabels,
    pub states: ThreadStateLabels,
    pub problems: WritingProblemLabels,
    pub new_thread: &'static str,
    pub request_kind: &'static str,
    pub about_question: &'static str,
    pub message: &'static str,
    /// Under the message box of an advisor: what each kind asks of the company.
    pub message_hint: &'static str,
    pub send: &'static str,
    pub reply: &'static str,
    pub resolve: &'static str,
    /// "2 open requests" on a question.
    pub open_on_question: fn(u32) -> String,
    pub read_threads: &'static str,
    pub open_requests_title: &'static str,
    pub open_requests_none: &'static str,
    pub request_changes: &'static str,
    pub request_changes_lead: &'static str,
    pub request_changes_none: &'static str,
    /// "Changes since it was sent back on …".
    pub changes_title: &'static str,
    pub changed_answers: &'static str,
    pub changed_files: &'static str,
    pub replies: fn(u32) -> String,
    pub no_changes: &'static str,
    pub reviews_title: &'static str,
    /// "Reviewed by {name} ({organization}) on".
    pub reviewed_by: fn(&str, &str) -> String,
    /// Said of a review the assessment was submitted again after.
    pub review_predates: &'static str,
    pub sign_title: &'static str,
    pub sign_lead: &'static str,
    pub summary: &'static str,
    pub sign: &'static str,
    pub waiting_title: &'static str,
    pub portfolio_title: &'static str,
    pub portfolio_none: &'static str,
    pub portfolio_pages: &'static str,
    pub order: &'static str,
    pub order_waiting: &'static str,
    pub order_name: &'static str,
    pub order_score: &'static str,
    pub search: &'static str,
    pub apply: &'static str,
    pub no_assessment: &'static str,
    pub needs_review: &'static str,
    pub replies_waiting: fn(u32) -> String,
    pub to_verify: fn(u32) -> String,
    pub cleared: fn(u32) -> String,
    pub findings: fn(u32) -> String,
    pub nothing_waiting: &'static str,
    pub returned_title: &'static str,
    pub actions_due_title: &'static str,
    pub all_clear: &'static str,
    pub association_lead: &'static str,
    pub see_companies: &'static str,
    pub digest_subject: &'static str,
    pub digest_lead: &'static str,
    pub digest_foot: &'static str,
}

impl ReviewTexts {
    pub fn request(&self, request: Request) -> &'static str {
        self.requests.get(request)
    }

    pub fn state(&self, state: ThreadState) -> &'static str {
        self.states.get(state)
    }

    pub fn problem(&self, problem: WritingProblem) -> &'static str {
        self.problems.get(problem)
    }
}

pub static ES: ReviewTexts = ReviewTexts {
    threads_title: "Revisión: comentarios y solicitudes",
    requests: RequestLabels {
        comment: "Comentario",
        accepted: "Respuesta aceptada",
        needs_evidence: "Falta evidencia",
        question: "Pregunta",
    },
    states: ThreadStateLabels { open: "abierta", answered: "respondida", resolved: "cerrada" },
    problems: WritingProblemLabels {
        empty: "Escriba el mensaje: diga qué pide o qué comenta.",
        too_long: "El mensaje es demasiado largo: como máximo 4000 caracteres.",
    },
    new_thread: "Escribir sobre esto",
    request_kind: "Tipo",
    about_question: "Pregunta",
    message: "Mensaje",
    message_hint: "Si falta evidencia, diga cuál (por ejemplo: recibos de nómina de marzo).",
    send: "Enviar",
    reply: "Responder",
    resolve: "Cerrar",
    open_on_question: |count| match count {
        1 => "1 solicitud abierta".to_owned(),
        _ => format!("{count} solicitudes abiertas"),
    },
    read_threads: "ver la conversación",
    open_requests_title: "Solicitudes de la asesoría",
    open_requests_none: "No hay solicitudes abiertas.",
    request_changes: "Pedir cambios",
    request_changes_lead: "La evaluación vuelve a la empresa para que responda estas solicitudes abiertas:",
    request_changes_none: "No hay solicitudes abiertas: la empresa verá que se pidieron cambios sin más detalle.",
    changes_title: "Cambios desde que se pidieron cambios el",
    changed_answers: "Respuestas guardadas de nuevo",
    changed_files: "Evidencias agregadas",
    replies: |count| match count {
        1 => "1 respuesta de la empresa en las conversaciones".to_owned(),
        _ => format!("{count} respuestas de la empresa en las conversaciones"),
    },
    no_changes: "Nada cambió desde entonces.",
    reviews_title: "Revisiones firmadas",
    reviewed_by: |name, organization| format!("Revisado por {name} ({organization}) el"),
    review_predates: "Firmada antes del último envío de la evaluación: no cubre los cambios posteriores.",
    sign_title: "Firmar la revisión",
    sign_lead: "Su conclusión, con fecha y nombre, aparece en el reporte, su CSV y su PDF. Una vez firmada \
                no se cambia; una revisión posterior se agrega a esta.",
    summary: "Resumen de la revisión",
    sign: "Firmar la revisión",
    waiting_title: "Lo que le espera",
    portfolio_title: "Empresas que revisa",
    portfolio_none: "Ninguna empresa le ha dado acceso a sus evaluaciones todavía.",
    portfolio_pages: "Páginas de empresas",
    order: "Ordenar por",
    order_waiting: "Pendientes primero",
    order_name: "Nombre",
    order_score: "Puntaje más bajo primero",
    search: "Buscar empresa",
    apply: "Aplicar",
    no_assessment: "Sin evaluaciones todavía",
    needs_review: "Enviada, sin revisar",
    replies_waiting: |count| match count {
        1 => "1 solicitud respondida".to_owned(),
        _ => format!("{count} solicitudes respondidas"),
    },
    to_verify: |count| match count {
        1 => "1 acción por verificar".to_owned(),
        _ => format!("{count} acciones por verificar"),
    },
    cleared: |count| match count {
        1 => "1 verificación anulada por un cambio".to_owned(),
        _ => format!("{count} verificaciones anuladas por un cambio"),
    },
    findings: |count| match count {
        1 => "1 hallazgo de tolerancia cero".to_owned(),
        _ => format!("{count} hallazgos de tolerancia cero"),
    },
    nothing_waiting: "Nada pendiente",
    returned_title: "Evaluaciones devueltas para cambios",
    actions_due_title: "Acciones vencidas o por vencer",
    all_clear: "Nada pendiente por ahora.",
    association_lead: "Vea el avance de los planes de las empresas que lo comparten con su asociación.",
    see_companies: "Ver las empresas",
    digest_subject: "Senda: lo que le espera hoy",
    digest_lead: "Esto le espera hoy en Senda:",
    digest_foot: "Entre a Senda para verlo: su página de inicio lo muestra todo. Este correo no repite lo que \
                  se escribió; eso queda en Senda.",
};

pub static EN: ReviewTexts = ReviewTexts {
    threads_title: "Review: comments and requests",
    requests: RequestLabels {
        comment: "Comment",
        accepted: "Answer accepted",
        needs_evidence: "Evidence needed",
        question: "Question",
    },
    states: ThreadStateLabels { open: "open", answered: "answered", resolved: "closed" },
    problems: WritingProblemLabels {
        empty: "Write the message: say what you ask or comment.",
        too_long: "The message is too long: 4,000 characters at most.",
    },
    new_thread: "Write about this",
    request_kind: "Kind",
    about_question: "Question",
    message: "Message",
    message_hint: "If evidence is missing, say which (for example: March payroll receipts).",
    send: "Send",
    reply: "Reply",
    resolve: "Close",
    open_on_question: |count| match count {
        1 => "1 open request".to_owned(),
        _ => format!("{count} open requests"),
    },
    read_threads: "read the conversation",
    open_requests_title: "Advisor's requests",
    open_requests_none: "No open requests.",
    request_changes: "Request changes",
    request_changes_lead: "The assessment goes back to the company to answer these open requests:",
    request_changes_none: "No open requests: the company will see that changes were asked with no detail.",
    changes_title: "Changes since changes were requested on",
    changed_answers: "Answers saved again",
    changed_files: "Evidence added",
    replies: |count| match count {
        1 => "1 reply by the company in the conversations".to_owned(),
        _ => format!("{count} replies by the company in the conversations"),
    },
    no_changes: "Nothing changed since.",
    reviews_title: "Signed reviews",
    reviewed_by: |name, organization| format!("Reviewed by {name} ({organization}) on"),
    review_predates: "Signed before the assessment was last submitted: it does not cover the changes since.",
    sign_title: "Sign the review",
    sign_lead: "Your conclusion, with date and name, appears in the report, its CSV and its PDF. Once signed \
                it does not change; a later review is added to it.",
    summary: "Review summary",
    sign: "Sign the review",
    waiting_title: "What is waiting for you",
    portfolio_title: "Companies you review",
    portfolio_none: "No company has granted you access to its assessments yet.",
    portfolio_pages: "Pages of companies",
    order: "Sort by",
    order_waiting: "Most waiting first",
    order_name: "Name",
    order_score: "Lowest score first",
    search: "Find a company",
    apply: "Apply",
    no_assessment: "No assessments yet",
    needs_review: "Submitted, not reviewed",
    replies_waiting: |count| match count {
        1 => "1 request answered".to_owned(),
        _ => format!("{count} requests answered"),
    },
    to_verify: |count| match count {
        1 => "1 action to verify".to_owned(),
        _ => format!("{count} actions to verify"),
    },
    cleared: |count| match count {
        1 => "1 verification cleared by a change".to_owned(),
        _ => format!("{count} verifications cleared by a change"),
    },
    findings: |count| match count {
        1 => "1 zero-tolerance finding".to_owned(),
        _ => format!("{count} zero-tolerance findings"),
    },
    nothing_waiting: "Nothing waiting",
    returned_title: "Assessments sent back for changes",
    actions_due_title: "Actions overdue or due soon",
    all_clear: "Nothing waiting for now.",
    association_lead: "Follow the plans of the companies that share their progress with your association.",
    see_companies: "See the companies",
    digest_subject: "Senda: what is waiting for you today",
    digest_lead: "This is waiting for you in Senda today:",
    digest_foot: "Sign in to Senda to see it: your home page shows all of it. This mail does not repeat what \
                  was written; that stays in Senda.",
};
