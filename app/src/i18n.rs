//! Every string the interface shows, in every language, in one typed catalog.
//!
//! Why a typed catalog rather than an i18n crate: a `Texts` value per language is checked by the
//! compiler — a missing translation is a build error, not a blank on a field worker's phone —
//! costs no proc-macro or runtime parser on 2-core builders, and works the same on the server and
//! in WebAssembly. Questionnaire texts do not live here: they travel with the questionnaire files,
//! which carry their own translations.
//!
//! The language is chosen by the reader with the language switch and kept in a cookie; Spanish is
//! the default.

/// Declares the labels of an enum as a struct with one field per variant and the exhaustive
/// `match` that reads them: a new variant does not compile until every catalog names it, and a
/// reordered one keeps its label.
macro_rules! labels {
    ($name:ident for $enum:ident { $($variant:ident => $field:ident),+ $(,)? }) => {
        #[derive(Debug)]
        pub struct $name {
            $(pub $field: &'static str),+
        }

        impl $name {
            pub const fn get(&self, value: $enum) -> &'static str {
                match value {
                    $($enum::$variant => self.$field),+
                }
            }
        }
    };
}

mod answering;
mod association;
mod paper;
mod plans;
mod report;
mod review;

pub use answering::AnsweringTexts;
pub use association::AssociationTexts;
pub use paper::PaperTexts;
pub use plans::PlanTexts;
pub use report::ReportTexts;
pub use review::ReviewTexts;

use assessments::Language;
use assessments::access::AuditAction;
use assessments::organization::{OrganizationKind, Role, Sector};
use leptos::prelude::*;

use crate::forms::FormProblem;

/// The cookie that remembers the reader's language.
pub const LANGUAGE_COOKIE: &str = "senda_lang";

labels! {
    KindLabels for OrganizationKind {
        Platform => platform,
        Company => company,
        Association => association,
        Advisory => advisory,
    }
}

labels! {
    SectorLabels for Sector {
        SugarMill => sugar_mill,
        CaneGrower => cane_grower,
        TobaccoCompany => tobacco_company,
        TobaccoGrower => tobacco_grower,
        Other => other,
    }
}

labels! {
    RoleLabels for Role {
        PlatformAdmin => platform_admin,
        CompanyAdmin => company_admin,
        CompanyMember => company_member,
        AssociationAdmin => association_admin,
        AssociationViewer => association_viewer,
        Advisor => advisor,
    }
}

labels! {
    FormProblemLabels for FormProblem {
        EmailInvalid => email_invalid,
        EmailTaken => email_taken,
        NameMissing => name_missing,
        PasswordTooShort => password_too_short,
        CredentialsWrong => credentials_wrong,
        TooManyAttempts => too_many_attempts,
        SetupClosed => setup_closed,
        OrganizationNameMissing => organization_name_missing,
        SectorMissing => sector_missing,
        RfcInvalid => rfc_invalid,
        ReferenceDateInvalid => reference_date_invalid,
        ReferenceDateOutOfRange => reference_date_out_of_range,
    }
}

labels! {
    AuditActionLabels for AuditAction {
        SignedIn => signed_in,
        SignInFailed => sign_in_failed,
        SignedOut => signed_out,
        Invited => invited,
        JoinedByInvitation => joined_by_invitation,
        MemberRemoved => member_removed,
        AccessGranted => access_granted,
        AccessRevoked => access_revoked,
        OutsiderViewed => outsider_viewed,
        OutsiderExported => outsider_exported,
        RequirementVerified => requirement_verified,
        AssessmentReturned => assessment_returned,
        ActionVerified => action_verified,
        ActionSentBack => action_sent_back,
        InvitationRevoked => invitation_revoked,
        ReviewOpened => review_opened,
        ReviewReplied => review_replied,
        ReviewResolved => review_resolved,
        ReviewSigned => review_signed,
    }
}

/// The interface strings of one language.
#[derive(Debug)]
pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    /// Beside a questionnaire text shown in Spanish for want of a translation.
    pub untranslated: &'static str,
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub menu: &'static str,
    pub nav_home: &'static str,
    pub language: &'static str,
    pub footer_confidentiality: &'static str,
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_for_whom: &'static str,
    pub home_audiences: [&'static str; 3],
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub bad_request_title: &'static str,
    pub bad_request_body: &'static str,
    pub server_error_title: &'static str,
    pub server_error_body: &'static str,
    pub nav_companies: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub signed_in_as: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub password_hint: &'static str,
    pub full_name: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_lead: &'static str,
    pub no_account_yet: &'static str,
    pub setup_title: &'static str,
    pub setup_lead: &'static str,
    pub setup_submit: &'static str,
    pub setup_closed: &'static str,
    pub sign_in_required: &'static str,
    pub companies_title: &'static str,
    pub companies_none: &'static str,
    pub access_own_admin: &'static str,
    pub access_own_member: &'static str,
    pub access_advisor: &'static str,
    pub access_plan_progress: &'static str,
    pub sector_label: &'static str,
    pub people_title: &'static str,
    pub people_lead: &'static str,
    pub invite_title: &'static str,
    pub invite_lead: &'static str,
    pub invite_submit: &'static str,
    pub invite_link_ready: &'static str,
    pub role_label: &'static str,
    pub remove: &'static str,
    pub invitation_title: &'static str,
    pub invitation_offer: &'static str,
    pub invitation_as: &'static str,
    pub invitation_accept: &'static str,
    pub invitation_create_account: &'static str,
    pub invitation_invalid: &'static str,
    pub grants_title: &'static str,
    pub grants_lead: &'static str,
    pub grants_none: &'static str,
    pub grant_advisory: &'static str,
    pub grant_association: &'static str,
    pub grant_submit: &'static str,
    pub revoke: &'static str,
    pub invitations_open_title: &'static str,
    pub invitation_by: &'static str,
    pub invitation_until: &'static str,
    pub invitation_withdraw: &'static str,
    pub audit_title: &'static str,
    pub audit_lead: &'static str,
    pub audit_none: &'static str,
    pub audit_none_matching: &'static str,
    pub audit_every_kind: &'static str,
    pub audit_from: &'static str,
    pub audit_pages: &'static str,
    pub audit_newer: &'static str,
    pub audit_older: &'static str,
    /// Where a paged list of companies is: "Page 2 of 50 · 1000 companies".
    pub page_of_companies: fn(u32, u32, u32) -> String,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub loading: &'static str,
    pub nav_questionnaires: &'static str,
    pub questionnaires_title: &'static str,
    pub questionnaires_lead: &'static str,
    pub questionnaires_none: &'static str,
    pub version: &'static str,
    pub sections: &'static str,
    pub questions: &'static str,
    pub organizations_title: &'static str,
    pub organizations_lead: &'static str,
    pub organization_create: &'static str,
    pub organization_kind: &'static str,
    pub organization_name: &'static str,
    pub rfc_optional: &'static str,
    pub first_admin_link: &'static str,
    pub kinds: KindLabels,
    pub try_again: &'static str,
    pub sectors: SectorLabels,
    pub roles: RoleLabels,
    pub form_problems: FormProblemLabels,
    pub audit_actions: AuditActionLabels,
    pub answering: &'static AnsweringTexts,
    pub report: &'static ReportTexts,
    pub plans: &'static PlanTexts,
    pub review: &'static ReviewTexts,
    pub association: &'static AssociationTexts,
    pub paper: &'static PaperTexts,
}

impl Texts {
    pub fn sector(&self, sector: Sector) -> &'static str {
        self.sectors.get(sector)
    }

    pub fn role(&self, role: Role) -> &'static str {
        self.roles.get(role)
    }

    pub fn kind(&self, kind: OrganizationKind) -> &'static str {
        self.kinds.get(kind)
    }

    pub fn form_problem(&self, problem: FormProblem) -> &'static str {
        self.form_problems.get(problem)
    }

    pub fn audit_action(&self, action: AuditAction) -> &'static str {
        self.audit_actions.get(action)
    }
}

/// The catalog of `language`.
pub const fn texts(language: Language) -> &'static Texts {
    match language {
        Language::Es => &ES,
        Language::En => &EN,
    }
}

/// The interface strings of the page being rendered.
pub fn use_texts() -> &'static Texts {
    texts(use_context::<Language>().unwrap_or_default())
}

static ES: Texts = Texts {
    app_name: "Senda",
    tagline: "Debida diligencia laboral para el campo",
    untranslated: "en español: aún sin traducción",
    skip_to_content: "Saltar al contenido",
    main_navigation: "Navegación principal",
    menu: "Menú",
    nav_home: "Inicio",
    language: "Idioma",
    footer_confidentiality: "Las respuestas de cada empresa son confidenciales: solo las ven su propio \
                             personal y quienes la empresa autoriza.",
    home_title: "Autoevaluación laboral para empresas agrícolas",
    home_lead: "Senda ayuda a ingenios, empresas tabacaleras y productores a revisar sus prácticas \
                laborales frente a la ley mexicana, encontrar brechas y darles seguimiento con un plan \
                de mejora continua.",
    home_for_whom: "Para quién es",
    home_audiences: [
        "El personal de cumplimiento de la empresa responde las autoevaluaciones y trabaja su plan.",
        "Las personas asesoras revisan las brechas de las empresas que les dieron acceso.",
        "Las asociaciones de productores siguen el avance de las empresas que decidieron compartirlo.",
    ],
    not_found_title: "No encontramos esta página",
    not_found_body: "La dirección puede estar mal escrita, o la página ya no existe.",
    back_home: "Volver al inicio",
    bad_request_title: "No pudimos leer lo que envió",
    bad_request_body: "El formulario llegó incompleto o dañado. Vuelva a la página anterior, revise lo escrito \
                       y envíelo de nuevo.",
    server_error_title: "Algo salió mal",
    server_error_body: "No pudimos completar su solicitud. Lo que ya estaba guardado sigue guardado. \
                        Intente de nuevo en unos minutos.",
    nav_companies: "Empresas",
    sign_in: "Entrar",
    sign_out: "Salir",
    signed_in_as: "Sesión de",
    email: "Correo electrónico",
    password: "Contraseña",
    password_hint: "Al menos 10 caracteres. Una frase larga es más segura y fácil de recordar.",
    full_name: "Nombre completo",
    sign_in_title: "Entrar a Senda",
    sign_in_lead: "Use el correo y la contraseña de su cuenta.",
    no_account_yet: "Si todavía no tiene cuenta, pida una invitación a quien administra su organización.",
    setup_title: "Configuración inicial",
    setup_lead: "Todavía no hay cuentas. Cree la primera cuenta de administración de la plataforma.",
    setup_submit: "Crear cuenta de administración",
    setup_closed: "La configuración inicial ya se hizo. Entre con su cuenta.",
    sign_in_required: "Entre con su cuenta para ver esta página.",
    companies_title: "Empresas",
    companies_none: "Todavía no tiene acceso a ninguna empresa.",
    access_own_admin: "Su empresa (administración)",
    access_own_member: "Su empresa",
    access_advisor: "Acceso de asesoría otorgado por la empresa",
    access_plan_progress: "La empresa comparte el avance de su plan",
    sector_label: "Sector",
    people_title: "Personas",
    people_lead: "Quienes pertenecen a esta organización y su rol.",
    invite_title: "Invitar a una persona",
    invite_lead: "Elija el rol y cree un enlace de un solo uso. Compártalo con la persona: vence en 7 días.",
    invite_submit: "Crear enlace de invitación",
    invite_link_ready: "Enlace de invitación listo. Cópielo y envíelo a la persona:",
    role_label: "Rol",
    remove: "Quitar",
    invitation_title: "Invitación",
    invitation_offer: "Le invitan a unirse a",
    invitation_as: "con el rol",
    invitation_accept: "Aceptar la invitación",
    invitation_create_account: "Cree su cuenta para aceptar",
    invitation_invalid: "Esta invitación no es válida: ya se usó o venció. Pida una nueva.",
    grants_title: "Accesos otorgados",
    grants_lead: "Solo su personal y quienes usted autorice ven las respuestas de su empresa. Puede retirar un acceso en cualquier momento.",
    grants_none: "Nadie fuera de su empresa tiene acceso.",
    grant_advisory: "Dar acceso a una organización asesora (lee evaluaciones, evidencias y brechas)",
    grant_association: "Compartir el avance del plan con una asociación (solo cifras de avance)",
    grant_submit: "Otorgar",
    revoke: "Retirar acceso",
    invitations_open_title: "Invitaciones sin usar",
    invitation_by: "Creada por",
    invitation_until: "Vale hasta",
    invitation_withdraw: "Retirar",
    audit_title: "Bitácora",
    audit_lead: "Entradas, invitaciones, accesos, consultas de su información por personas de fuera y lo que las asesoras deciden sobre ella.",
    audit_none: "Sin registros todavía.",
    audit_none_matching: "Ningún registro coincide con el filtro.",
    audit_every_kind: "Todo",
    audit_from: "Desde",
    audit_pages: "Páginas de la bitácora",
    audit_newer: "← Más recientes",
    audit_older: "Anteriores →",
    page_of_companies: |page, pages, total| match total {
        1 => format!("Página {page} de {pages} · 1 empresa"),
        _ => format!("Página {page} de {pages} · {total} empresas"),
    },
    previous_page: "← Anterior",
    next_page: "Siguiente →",
    when: "Fecha",
    who: "Quién",
    what: "Qué",
    loading: "Cargando…",
    nav_questionnaires: "Cuestionarios",
    questionnaires_title: "Cuestionarios publicados",
    questionnaires_lead: "Las preguntas son las mismas para todas las empresas; cada una se compara con un requisito de la ley mexicana.",
    questionnaires_none: "Todavía no hay cuestionarios publicados.",
    version: "Versión",
    sections: "Secciones",
    questions: "Preguntas",
    organizations_title: "Organizaciones",
    organizations_lead: "Empresas, asociaciones y organizaciones asesoras que usan Senda. Desde aquí se crean; sus datos solo los ven su gente y quienes ellas autorizan.",
    organization_create: "Crear organización",
    organization_kind: "Tipo",
    organization_name: "Nombre",
    rfc_optional: "RFC (opcional, solo empresas)",
    first_admin_link: "Organización creada. Envíe este enlace a la persona que la administrará:",
    kinds: KindLabels {
        platform: "Plataforma",
        company: "Empresa",
        association: "Asociación de productores",
        advisory: "Organización asesora",
    },
    try_again: "No se pudo cargar. Intente de nuevo.",
    sectors: SectorLabels {
        sugar_mill: "Ingenio azucarero",
        cane_grower: "Productor de caña",
        tobacco_company: "Empresa tabacalera",
        tobacco_grower: "Productor de tabaco",
        other: "Otro",
    },
    roles: RoleLabels {
        platform_admin: "Administración de la plataforma",
        company_admin: "Administración de la empresa",
        company_member: "Personal de la empresa",
        association_admin: "Administración de la asociación",
        association_viewer: "Consulta de la asociación",
        advisor: "Asesoría",
    },
    form_problems: FormProblemLabels {
        email_invalid: "Escriba un correo electrónico válido, como nombre@empresa.mx.",
        email_taken: "Ya existe una cuenta con este correo. Entre con ella.",
        name_missing: "Escriba su nombre.",
        password_too_short: "La contraseña necesita al menos 10 caracteres.",
        credentials_wrong: "El correo o la contraseña no coinciden.",
        too_many_attempts: "Demasiados intentos fallidos. Espere unos minutos e intente de nuevo: cada nuevo fallo alarga la espera.",
        setup_closed: "La configuración inicial ya se hizo.",
        organization_name_missing: "Escriba el nombre de la organización.",
        sector_missing: "Elija el sector de la empresa.",
        rfc_invalid: "El RFC no tiene el formato correcto: 12 caracteres para personas morales, 13 para físicas.",
        reference_date_invalid: "La fecha de referencia no es una fecha: escriba día, mes y año.",
        reference_date_out_of_range: "Esta versión del cuestionario no puede evaluar esa fecha: elija una desde la primera \
                                      que admite y no más de dos años adelante.",
    },
    audit_actions: AuditActionLabels {
        signed_in: "Entró",
        sign_in_failed: "Intento de entrada fallido",
        signed_out: "Salió",
        invited: "Invitación creada",
        joined_by_invitation: "Se unió por invitación",
        member_removed: "Persona quitada",
        access_granted: "Acceso otorgado",
        access_revoked: "Acceso retirado",
        outsider_viewed: "Consulta por persona de fuera",
        outsider_exported: "Exportación por persona de fuera",
        requirement_verified: "Verificación de un requisito por una asesora",
        assessment_returned: "Evaluación devuelta por una asesora para cambios",
        action_verified: "Acción del plan verificada por una asesora",
        action_sent_back: "Acción del plan devuelta por una asesora",
        invitation_revoked: "Invitación retirada",
        review_opened: "Comentario o solicitud de una asesora",
        review_replied: "Respuesta de una asesora en una conversación",
        review_resolved: "Conversación cerrada por una asesora",
        review_signed: "Revisión firmada por una asesora",
    },
    answering: &answering::ES,
    report: &report::ES,
    plans: &plans::ES,
    review: &review::ES,
    association: &association::ES,
    paper: &paper::ES,
};

static EN: Texts = Texts {
    app_name: "Senda",
    tagline: "Labor due diligence for agriculture",
    untranslated: "in Spanish: not translated yet",
    skip_to_content: "Skip to content",
    main_navigation: "Main navigation",
    menu: "Menu",
    nav_home: "Home",
    language: "Language",
    footer_confidentiality: "Each company's answers are confidential: only its own staff and those it \
                             authorizes can see them.",
    home_title: "Labor self-assessment for agricultural companies",
    home_lead: "Senda helps sugar mills, tobacco companies and growers review their labor practices \
                against Mexican law, find gaps and follow them up with a continuous improvement plan.",
    home_for_whom: "Who it is for",
    home_audiences: [
        "Company compliance staff answer self-assessments and work their plan.",
        "Advisors review the gaps of the companies that granted them access.",
        "Producer associations follow the progress of member companies that chose to share it.",
    ],
    not_found_title: "We could not find this page",
    not_found_body: "The address may be mistyped, or the page no longer exists.",
    back_home: "Back to the home page",
    bad_request_title: "We could not read what you sent",
    bad_request_body: "The form arrived incomplete or damaged. Go back to the previous page, check what you \
                       wrote and send it again.",
    server_error_title: "Something went wrong",
    server_error_body: "We could not complete your request. What was already saved is still saved. \
                        Please try again in a few minutes.",
    nav_companies: "Companies",
    sign_in: "Sign in",
    sign_out: "Sign out",
    signed_in_as: "Signed in as",
    email: "Email",
    password: "Password",
    password_hint: "At least 10 characters. A long phrase is safer and easier to remember.",
    full_name: "Full name",
    sign_in_title: "Sign in to Senda",
    sign_in_lead: "Use your account's email and password.",
    no_account_yet: "If you have no account yet, ask whoever administers your organization for an invitation.",
    setup_title: "First-run setup",
    setup_lead: "There are no accounts yet. Create the first platform administrator account.",
    setup_submit: "Create administrator account",
    setup_closed: "Setup is already done. Sign in with your account.",
    sign_in_required: "Sign in to see this page.",
    companies_title: "Companies",
    companies_none: "You do not have access to any company yet.",
    access_own_admin: "Your company (administrator)",
    access_own_member: "Your company",
    access_advisor: "Advisory access granted by the company",
    access_plan_progress: "The company shares its plan progress",
    sector_label: "Sector",
    people_title: "People",
    people_lead: "Who belongs to this organization, and their role.",
    invite_title: "Invite a person",
    invite_lead: "Choose the role and create a one-time link. Share it with the person: it expires in 7 days.",
    invite_submit: "Create invitation link",
    invite_link_ready: "Invitation link ready. Copy it and send it to the person:",
    role_label: "Role",
    remove: "Remove",
    invitation_title: "Invitation",
    invitation_offer: "You are invited to join",
    invitation_as: "with the role",
    invitation_accept: "Accept the invitation",
    invitation_create_account: "Create your account to accept",
    invitation_invalid: "This invitation is not valid: it was used or it expired. Ask for a new one.",
    grants_title: "Access granted",
    grants_lead: "Only your staff and those you authorize see your company's answers. You can withdraw access at any time.",
    grants_none: "Nobody outside your company has access.",
    grant_advisory: "Give an advisory organization access (reads assessments, evidence and gaps)",
    grant_association: "Share plan progress with an association (progress figures only)",
    grant_submit: "Grant",
    revoke: "Withdraw access",
    invitations_open_title: "Invitations not used yet",
    invitation_by: "Created by",
    invitation_until: "Valid until",
    invitation_withdraw: "Withdraw",
    audit_title: "Audit log",
    audit_lead: "Sign-ins, invitations, access changes, views of your data by outsiders, and what advisors decide on it.",
    audit_none: "Nothing recorded yet.",
    audit_none_matching: "No line matches the filter.",
    audit_every_kind: "Everything",
    audit_from: "From",
    audit_pages: "Pages of the audit log",
    audit_newer: "← Newer",
    audit_older: "Older →",
    page_of_companies: |page, pages, total| match total {
        1 => format!("Page {page} of {pages} · 1 company"),
        _ => format!("Page {page} of {pages} · {total} companies"),
    },
    previous_page: "← Previous",
    next_page: "Next →",
    when: "When",
    who: "Who",
    what: "What",
    loading: "Loading…",
    nav_questionnaires: "Questionnaires",
    questionnaires_title: "Published questionnaires",
    questionnaires_lead: "The questions are the same for every company; each is checked against a requirement of Mexican law.",
    questionnaires_none: "No questionnaire is published yet.",
    version: "Version",
    sections: "Sections",
    questions: "Questions",
    organizations_title: "Organizations",
    organizations_lead: "Companies, associations and advisory organizations using Senda. They are created here; their data is seen only by their own people and those they authorize.",
    organization_create: "Create organization",
    organization_kind: "Kind",
    organization_name: "Name",
    rfc_optional: "RFC (optional, companies only)",
    first_admin_link: "Organization created. Send this link to the person who will administer it:",
    kinds: KindLabels {
        platform: "Platform",
        company: "Company",
        association: "Producer association",
        advisory: "Advisory organization",
    },
    try_again: "Could not load. Please try again.",
    sectors: SectorLabels {
        sugar_mill: "Sugar mill",
        cane_grower: "Cane grower",
        tobacco_company: "Tobacco company",
        tobacco_grower: "Tobacco grower",
        other: "Other",
    },
    roles: RoleLabels {
        platform_admin: "Platform administrator",
        company_admin: "Company administrator",
        company_member: "Company staff",
        association_admin: "Association administrator",
        association_viewer: "Association viewer",
        advisor: "Advisor",
    },
    form_problems: FormProblemLabels {
        email_invalid: "Enter a valid email address, like name@company.mx.",
        email_taken: "An account with this email exists already. Sign in with it.",
        name_missing: "Enter your name.",
        password_too_short: "The password needs at least 10 characters.",
        credentials_wrong: "The email or the password does not match.",
        too_many_attempts: "Too many failed attempts. Wait a few minutes and try again: each further failure makes the wait longer.",
        setup_closed: "Setup is already done.",
        organization_name_missing: "Enter the organization's name.",
        sector_missing: "Choose the company's sector.",
        rfc_invalid: "The RFC is not well formed: 12 characters for companies, 13 for persons.",
        reference_date_invalid: "The reference date is not a date: give day, month and year.",
        reference_date_out_of_range: "This questionnaire version cannot assess that date: choose one from the first it \
                                      accepts and no more than two years ahead.",
    },
    audit_actions: AuditActionLabels {
        signed_in: "Signed in",
        sign_in_failed: "Failed sign-in",
        signed_out: "Signed out",
        invited: "Invitation created",
        joined_by_invitation: "Joined by invitation",
        member_removed: "Person removed",
        access_granted: "Access granted",
        access_revoked: "Access withdrawn",
        outsider_viewed: "Viewed by an outsider",
        outsider_exported: "Exported by an outsider",
        requirement_verified: "A requirement verified by an advisor",
        assessment_returned: "Assessment returned for changes by an advisor",
        action_verified: "Plan action verified by an advisor",
        action_sent_back: "Plan action sent back by an advisor",
        invitation_revoked: "Invitation withdrawn",
        review_opened: "Comment or request by an advisor",
        review_replied: "Reply by an advisor in a conversation",
        review_resolved: "Conversation closed by an advisor",
        review_signed: "Review signed by an advisor",
    },
    answering: &answering::EN,
    report: &report::EN,
    plans: &plans::EN,
    review: &review::EN,
    association: &association::EN,
    paper: &paper::EN,
};

/// The language of the request being served (server) or of the page being hydrated (browser).
///
/// Both sides must agree or hydration breaks: the server decides from the cookie and writes the
/// decision into `<html lang>`, and the browser reads it back from there.
pub fn current_language() -> Language {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().map(|parts| language_of(&parts.headers)).unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| tag.parse().ok())
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Language::default()
    }
}

/// The language named by the language cookie in a `Cookie` header, if it names one Senda speaks.
/// The reader's language as a request's headers carry it: the language switch's cookie, else
/// Spanish. Pages, form handlers, exports and error pages all ask this.
#[cfg(feature = "ssr")]
pub fn language_of(headers: &http::HeaderMap) -> Language {
    headers
        .get(http::header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(language_from_cookie_header)
        .unwrap_or_default()
}

pub fn language_from_cookie_header(header: &str) -> Option<Language> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANGUAGE_COOKIE)
        .and_then(|(_, value)| value.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_names_the_language() {
        assert_eq!(language_from_cookie_header("senda_lang=en"), Some(Language::En));
        assert_eq!(language_from_cookie_header("a=1; senda_lang=es; b=2"), Some(Language::Es));
    }

    #[test]
    fn a_missing_or_unknown_cookie_names_no_language() {
        assert_eq!(language_from_cookie_header("other=en"), None);
        assert_eq!(language_from_cookie_header("senda_lang=fr"), None);
        assert_eq!(language_from_cookie_header(""), None);
        assert_eq!(language_from_cookie_header("xsenda_lang=en"), None);
    }

    #[test]
    fn every_language_has_a_catalog_with_every_string() {
        for language in Language::ALL {
            let t = texts(language);
            let strings = [
                t.app_name,
                t.tagline,
                t.skip_to_content,
                t.main_navigation,
                t.menu,
                t.nav_home,
                t.language,
                t.footer_confidentiality,
                t.home_title,
                t.home_lead,
                t.home_for_whom,
                t.not_found_title,
                t.not_found_body,
                t.back_home,
                t.server_error_title,
                t.server_error_body,
            ];
            assert!(strings.iter().chain(&t.home_audiences).all(|s| !s.trim().is_empty()));
        }
    }

    /// Every message that says a count, in both catalogs, with 0, 1 and 2: the number is said,
    /// nothing is left unformatted, and one is not said as many.
    #[test]
    fn every_count_message_says_its_number_in_both_languages() {
        for language in Language::ALL {
            let t = texts(language);
            for n in [0, 1, 2] {
                let messages = [
                    (t.answering.to_review)(n),
                    (t.answering.questions_answered)(0, n),
                    (t.plans.done_of)(0, n),
                    (t.plans.overdue_count)(n),
                    (t.report.new_gaps)(n),
                ];
                for message in messages {
                    assert!(message.contains(&n.to_string()), "{language:?} {n}: {message}");
                    assert!(!message.contains(['{', '}']), "{language:?} {n}: {message}");
                    if n == 1 {
                        for plural in [
                            "respuestas ",
                            "preguntas ",
                            "acciones ",
                            "vencidas",
                            "brechas ",
                            "answers ",
                            "questions ",
                            "actions ",
                            " gaps",
                        ] {
                            assert!(!message.contains(plural), "{language:?}: one said as many: {message}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn each_value_of_an_enum_has_its_own_label() {
        use assessments::plan::ActionStatus;
        for language in Language::ALL {
            let t = texts(language);
            let labels: Vec<&str> = ActionStatus::ALL.iter().map(|s| t.plans.status(*s)).collect();
            let mut distinct = labels.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), labels.len(), "{language:?}: {labels:?}");
            assert_eq!(t.role(Role::Advisor), t.roles.advisor);
            assert_eq!(t.sector(Sector::Other), t.sectors.other);
        }
    }
}
