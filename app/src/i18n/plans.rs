//! The strings of improvement plans.

use assessments::plan::{ActionStatus, EventKind, MoveProblem};

labels! {
    ActionStatusLabels for ActionStatus {
        Pending => pending,
        InProgress => in_progress,
        Done => done,
        Verified => verified,
    }
}

labels! {
    MoveProblemLabels for MoveProblem {
        EvidenceMissing => evidence_missing,
        ReasonMissing => reason_missing,
        NotAllowed => not_allowed,
    }
}

labels! {
    EventLabels for EventKind {
        Created => created,
        Edited => edited,
        Note => note,
        Status => status,
    }
}

#[derive(Debug)]
pub struct PlanTexts {
    pub title: &'static str,
    pub plans_title: &'static str,
    pub none_yet: &'static str,
    pub create: &'static str,
    pub create_lead: &'static str,
    pub open: &'static str,
    pub done_or_verified: &'static str,
    /// "3 / 10 actions done or verified".
    pub done_of: fn(done: u32, total: u32) -> String,
    /// Said of one action past its due date.
    pub overdue: &'static str,
    /// How many actions are past their due date.
    pub overdue_count: fn(u32) -> String,
    pub statuses: ActionStatusLabels,
    pub status: &'static str,
    pub severity: &'static str,
    pub section: &'static str,
    pub owner: &'static str,
    pub all: &'static str,
    pub filter: &'static str,
    pub clear_filters: &'static str,
    pub due: &'static str,
    pub no_owner: &'static str,
    pub last_note: &'static str,
    pub update: &'static str,
    pub history: &'static str,
    pub action: &'static str,
    pub save: &'static str,
    pub change_status: &'static str,
    pub new_status: &'static str,
    pub status_note: &'static str,
    pub add_note: &'static str,
    pub note: &'static str,
    pub verify: &'static str,
    pub send_back: &'static str,
    pub reason: &'static str,
    pub add_action: &'static str,
    pub move_problems: MoveProblemLabels,
    pub conflict: &'static str,
    /// An edit without text or with a date that does not exist; what was typed stays in the form.
    pub edit_invalid: &'static str,
    pub saved: &'static str,
    pub events: EventLabels,
    pub download_pdf: &'static str,
    pub no_actions: &'static str,
    pub back_to_plan: &'static str,
    pub legal_basis: &'static str,
    pub closed_since: &'static str,
    pub split: &'static str,
    pub split_lead: &'static str,
    pub merge: &'static str,
    pub merge_lead: &'static str,
    pub carried: &'static str,
    pub pdf_generated_on: &'static str,
    pub pdf_page: &'static str,
    pub pdf_of: &'static str,
    /// Printed at the foot of every page after the company's name.
    pub pdf_confidential: &'static str,
    pub pdf_assessment_date: &'static str,
    pub pdf_actions_title: &'static str,
}

impl PlanTexts {
    pub fn status(&self, status: ActionStatus) -> &'static str {
        self.statuses.get(status)
    }

    pub fn move_problem(&self, problem: MoveProblem) -> &'static str {
        self.move_problems.get(problem)
    }

    pub fn event(&self, kind: EventKind) -> &'static str {
        self.events.get(kind)
    }
}

pub static ES: PlanTexts = PlanTexts {
    title: "Plan de mejora continua",
    plans_title: "Planes de mejora",
    none_yet: "Todavía no hay planes de mejora.",
    create: "Crear el plan de mejora",
    create_lead: "Una acción por cada brecha, con la acción sugerida, su fundamento legal y una fecha compromiso \
                  según la gravedad. Después puede cambiarlas, asignar responsables y agregar las suyas.",
    open: "Ver el plan de mejora",
    done_or_verified: "acciones hechas o verificadas",
    done_of: |done, total| match total {
        1 => format!("{done} / 1 acción hecha o verificada"),
        _ => format!("{done} / {total} acciones hechas o verificadas"),
    },
    overdue: "vencida",
    overdue_count: |count| match count {
        1 => "1 vencida".to_owned(),
        _ => format!("{count} vencidas"),
    },
    statuses: ActionStatusLabels {
        pending: "Pendiente",
        in_progress: "En proceso",
        done: "Hecha",
        verified: "Verificada",
    },
    status: "Estado",
    severity: "Gravedad",
    section: "Sección",
    owner: "Responsable",
    all: "Todas",
    filter: "Filtrar",
    clear_filters: "Quitar filtros",
    due: "Fecha compromiso",
    no_owner: "Sin responsable",
    last_note: "Última nota",
    update: "Actualizar",
    history: "Historial",
    action: "Acción",
    save: "Guardar cambios",
    change_status: "Cambiar el estado",
    new_status: "Nuevo estado",
    status_note: "Nota: para marcarla hecha, la evidencia de que se hizo; para devolverla, el motivo",
    add_note: "Agregar una nota de avance",
    note: "Nota",
    verify: "Verificar",
    send_back: "Devolver",
    reason: "Motivo para devolverla",
    add_action: "Agregar una acción",
    move_problems: MoveProblemLabels {
        evidence_missing: "Para marcarla hecha, describa la evidencia de que se hizo.",
        reason_missing: "Para devolverla, escriba el motivo.",
        not_allowed: "Ese cambio de estado no es posible.",
    },
    conflict: "Otra persona cambió esta acción mientras usted la editaba; no se sobrescribió nada. Revise lo \
               que hay ahora y vuelva a guardar.",
    edit_invalid: "Escriba la acción y una fecha que exista (año-mes-día). Lo que escribió sigue en el formulario.",
    saved: "Cambios guardados.",
    events: EventLabels { created: "Creada", edited: "Editada", note: "Nota", status: "Estado" },
    download_pdf: "Descargar el plan (PDF)",
    no_actions: "No hay acciones con esos filtros.",
    back_to_plan: "Volver al plan",
    legal_basis: "Fundamento legal",
    closed_since: "Brechas cerradas desde el plan anterior",
    split: "Dividir en dos acciones",
    split_lead: "Crea una copia justo después; luego cambie la redacción de cada una.",
    merge: "Unir con otra acción",
    merge_lead: "La acción elegida se suma a esta y sale de la lista; su historial se conserva.",
    carried: "Continúa una acción del plan anterior: la brecha sigue abierta (su historial está incluido).",
    pdf_generated_on: "Generado el",
    pdf_page: "Página",
    pdf_of: "de",
    pdf_confidential: "Confidencial: solo para su personal y quienes la empresa autorice.",
    pdf_assessment_date: "Fecha de la autoevaluación",
    pdf_actions_title: "Acciones del plan",
};

pub static EN: PlanTexts = PlanTexts {
    title: "Continuous improvement plan",
    plans_title: "Improvement plans",
    none_yet: "No improvement plans yet.",
    create: "Create the improvement plan",
    create_lead: "One action per gap, with the suggested action, its legal basis and a due date by severity. \
                  Then you can change them, assign owners and add your own.",
    open: "See the improvement plan",
    done_or_verified: "actions done or verified",
    done_of: |done, total| match total {
        1 => format!("{done} / 1 action done or verified"),
        _ => format!("{done} / {total} actions done or verified"),
    },
    overdue: "overdue",
    overdue_count: |count| format!("{count} overdue"),
    statuses: ActionStatusLabels {
        pending: "Pending",
        in_progress: "In progress",
        done: "Done",
        verified: "Verified",
    },
    status: "Status",
    severity: "Severity",
    section: "Section",
    owner: "Owner",
    all: "All",
    filter: "Filter",
    clear_filters: "Clear filters",
    due: "Due date",
    no_owner: "No owner",
    last_note: "Latest note",
    update: "Update",
    history: "History",
    action: "Action",
    save: "Save changes",
    change_status: "Change the status",
    new_status: "New status",
    status_note: "Note: to mark it done, the evidence that it was; to send it back, the reason",
    add_note: "Add a progress note",
    note: "Note",
    verify: "Verify",
    send_back: "Send back",
    reason: "Reason for sending it back",
    add_action: "Add an action",
    move_problems: MoveProblemLabels {
        evidence_missing: "To mark it done, describe the evidence that it was done.",
        reason_missing: "To send it back, give the reason.",
        not_allowed: "That status change is not possible.",
    },
    conflict: "Someone else changed this action while you were editing it; nothing was overwritten. Check what \
               is there now and save again.",
    edit_invalid: "Write the action and a date that exists (year-month-day). What you typed is still in the form.",
    saved: "Changes saved.",
    events: EventLabels { created: "Created", edited: "Edited", note: "Note", status: "Status" },
    download_pdf: "Download the plan (PDF)",
    no_actions: "No actions match those filters.",
    back_to_plan: "Back to the plan",
    legal_basis: "Legal basis",
    closed_since: "Gaps closed since the previous plan",
    split: "Split into two actions",
    split_lead: "Makes a copy right after it; then reword each.",
    merge: "Merge with another action",
    merge_lead: "The chosen action joins this one and leaves the list; its history is kept.",
    carried: "Continues an action of the previous plan: the gap is still open (its history is included).",
    pdf_generated_on: "Generated on",
    pdf_page: "Page",
    pdf_of: "of",
    pdf_confidential: "Confidential: for its own staff and those the company authorizes only.",
    pdf_assessment_date: "Self-assessment date",
    pdf_actions_title: "Plan actions",
};
