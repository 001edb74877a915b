//! Producer associations: a request answered by the company's choice, the dashboard of members
//! and its figures across them, exports, and revocation — and all that an association must never
//! reach. The aggregates' rules themselves are property-tested in `assessments::sharing`.

use app::model::account::Access;
use app::model::association::Dashboard;
use assessments::access::AuditAction;
use assessments::organization::OrganizationKind;
use assessments::sharing::{Disclosure, Measure, Minimum, RequestState};
use senda_tests::demo::*;
use senda_tests::{TestApp, Visitor, read_pdf};

async fn demo() -> (TestApp, String) {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let union = app.organization_id(OrganizationKind::Association, UNION).await.to_string();
    (app, union)
}

async fn dashboard(visitor: &Visitor, association: &str, sector: &str) -> Dashboard {
    let reply =
        visitor.call("associations/dashboard", &[("association_id", association), ("sector", sector)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("a dashboard")
}

async fn access(visitor: &Visitor, company: &str) -> Access {
    let reply = visitor.call("companies/access", &[("company_id", company)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("an access page")
}

fn disclosure(dashboard: &Dashboard, measure: Measure) -> (Disclosure, u32) {
    let aggregate = dashboard.aggregates.iter().find(|a| a.key.measure == measure).expect("the aggregate");
    (aggregate.disclosure, aggregate.companies)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_union_sees_its_members_progress_and_only_figures_that_single_no_one_out() {
    let (app, union) = demo().await;
    let viewer = app.signed_in(ASSOCIATION_VIEWER).await;
    let board = dashboard(&viewer, &union, "").await;
    let names: Vec<&str> = board.members.iter().map(|m| m.company.name.as_str()).collect();
    assert_eq!(names.len(), 6, "the mill and five growers: {names:?}");
    assert!(names.contains(&MILL) && names.contains(&GROWER_1));
    assert!(!names.contains(&GROWER_6) && !names.contains(&TOBACCO), "no consent, no line: {names:?}");
    for member in &board.members {
        let plan = member.plan.as_ref().expect("each member's plan");
        assert!(plan.actions > 0 && !plan.points.is_empty(), "{}", member.company.name);
        assert!(member.summary.is_some() && member.last_submitted.is_some(), "{}", member.company.name);
    }
    let mill = board.members.iter().find(|m| m.company.name == MILL).unwrap();
    assert!(mill.plan.as_ref().unwrap().overdue >= 2, "the demo mill's overdue actions");
    assert!(!board.can_ask, "a viewer does not ask");

    // Six share: every all-sector figure shows over the six.
    assert_eq!(disclosure(&board, Measure::Gaps), (Disclosure::Shown, 6));
    assert_eq!(disclosure(&board, Measure::Actions), (Disclosure::Shown, 6));
    let gaps =
        board.aggregates.iter().find(|a| a.key.measure == Measure::Gaps).unwrap().totals.clone().unwrap();
    let summed: u32 = board
        .members
        .iter()
        .map(|m| m.summary.as_ref().unwrap().gaps_by_severity.values().sum::<u32>())
        .sum();
    assert_eq!(gaps.gaps_by_severity.values().sum::<u32>(), summed, "the figure is the members' sum");
    // The five growers alone would be the six less the mill: withheld. The mill alone: too few.
    let growers = dashboard(&viewer, &union, "cane_grower").await;
    assert_eq!(disclosure(&growers, Measure::Gaps), (Disclosure::WouldSingleOut, 5));
    let mills = dashboard(&viewer, &union, "sugar_mill").await;
    assert_eq!(disclosure(&mills, Measure::Gaps), (Disclosure::TooFew { needs: 4 }, 1));
    assert!(mills.aggregates.iter().all(|a| a.totals.is_none()));

    // Counts only: nothing the mill wrote reaches the association.
    let raw = viewer.call("associations/dashboard", &[("association_id", &union)]).await.body;
    for written in
        ["El ingenio no tuvo utilidades", "Política firmada", "Recursos Humanos", "Se contrató", "CFDI"]
    {
        assert!(!raw.contains(written), "the dashboard carries `{written}`");
    }
    // Each look is in each member's log.
    let mill_id = app.organization_id(OrganizationKind::Company, MILL).await;
    let log = app.audit_log(mill_id, MILL_ADMIN).await;
    assert!(
        log.iter().any(|l| l.action == AuditAction::OutsiderViewed && l.detail == "association dashboard")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_accepted_shares_what_the_company_chose_and_a_revocation_removes_it_from_every_figure() {
    let (app, union) = demo().await;
    let grower_6 = app.organization_id(OrganizationKind::Company, GROWER_6).await.to_string();
    let union_admin = app.signed_in(ASSOCIATION_ADMIN).await;
    let board = dashboard(&union_admin, &union, "").await;
    let pending =
        board.requests.iter().find(|r| r.counterpart.name == GROWER_6).expect("the demo's pending request");
    assert_eq!(pending.state, RequestState::Pending);

    // The grower's admin finds it on their home, and on the access page with what it would share;
    // an admin of another company cannot
    // answer it, nor can its own people answer through another company's address.
    let grower_admin = app.signed_in(GROWER_6_ADMIN).await;
    let home = grower_admin.call("home/waiting", &[]).await;
    let home: app::model::review::Waiting = serde_json::from_str(&home.body).expect("what waits");
    let asked: Vec<&str> = home.own[0].share_requests.iter().map(|r| r.counterpart.name.as_str()).collect();
    assert_eq!(asked, [UNION]);
    let waiting = access(&grower_admin, &grower_6).await;
    let request =
        waiting.requests.iter().find(|r| r.counterpart.name == UNION).expect("the request").id.to_string();
    let answer = format!("/empresas/{grower_6}/accesos/solicitudes/{request}");
    let other = app.signed_in(GROWER_1_ADMIN).await;
    assert_eq!(other.post_form(&answer, &[("respuesta", "aceptar")]).await.status, 404);
    assert_eq!(union_admin.post_form(&answer, &[("respuesta", "aceptar")]).await.status, 404);
    let grower_1 = app.organization_id(OrganizationKind::Company, GROWER_1).await;
    let elsewhere = format!("/empresas/{grower_1}/accesos/solicitudes/{request}");
    assert_eq!(other.post_form(&elsewhere, &[("respuesta", "aceptar")]).await.status, 404);

    // Accepted without the summary: progress only.
    let reply = grower_admin.post_form(&answer, &[("respuesta", "aceptar")]).await;
    assert_eq!(
        (reply.status, reply.header("location")),
        (303, Some(format!("/empresas/{grower_6}/accesos").as_str()))
    );
    assert!(access(&grower_admin, &grower_6).await.requests.is_empty(), "answered once");
    assert_eq!(
        grower_admin.post_form(&answer, &[("respuesta", "rechazar")]).await.status,
        404,
        "and only once"
    );
    let board = dashboard(&union_admin, &union, "").await;
    let line = board.members.iter().find(|m| m.company.name == GROWER_6).expect("now a member");
    assert!(!line.shares_summary && line.summary.is_none() && line.plan.is_none());
    assert_eq!(disclosure(&board, Measure::Gaps), (Disclosure::Shown, 6), "no summary, not in the gaps");

    // Grower 1 revokes: from the next request it is in no line and no figure.
    let grower_1_admin = app.signed_in(GROWER_1_ADMIN).await;
    let grants = access(&grower_1_admin, &grower_1.to_string()).await.grants;
    let grant = grants.iter().find(|g| g.grantee.name == UNION).expect("its grant");
    assert!(grant.shares_summary);
    let revoke = format!("/empresas/{grower_1}/accesos/{}/retirar", grant.id);
    assert_eq!(grower_1_admin.post_form(&revoke, &[]).await.status, 303);
    let board = dashboard(&union_admin, &union, "").await;
    assert!(!board.members.iter().any(|m| m.company.name == GROWER_1));
    assert_eq!(disclosure(&board, Measure::Gaps), (Disclosure::Shown, 5));
    // A second leaves four: below the minimum, nothing across members shows.
    let grower_2_admin = app.signed_in(GROWER_2_ADMIN).await;
    let grower_2 =
        app.organization_id(OrganizationKind::Company, "Productor de caña 2 (demo)").await.to_string();
    let grant = access(&grower_2_admin, &grower_2)
        .await
        .grants
        .into_iter()
        .find(|g| g.grantee.name == UNION)
        .unwrap();
    assert_eq!(
        grower_2_admin
            .post_form(&format!("/empresas/{grower_2}/accesos/{}/retirar", grant.id), &[])
            .await
            .status,
        303
    );
    let board = dashboard(&union_admin, &union, "").await;
    assert_eq!(disclosure(&board, Measure::Gaps), (Disclosure::TooFew { needs: 1 }, 4));
    // The revoked company's data is unreachable by the store's own check too.
    let viewer = app
        .store
        .viewer(app.store.account_by_email(ASSOCIATION_ADMIN).await.unwrap().unwrap().id)
        .await
        .unwrap()
        .unwrap();
    let union_id = union.parse().unwrap();
    assert!(matches!(
        app.store.shared_assessment(&viewer, union_id, grower_1).await,
        Err(store::StoreError::NotFound)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_an_associations_admin_asks_and_a_name_not_found_keeps_what_was_typed() {
    let (app, union) = demo().await;
    let ask = format!("/asociaciones/{union}/solicitudes");
    let viewer = app.signed_in(ASSOCIATION_VIEWER).await;
    assert_eq!(viewer.post_form(&ask, &[("empresa", TOBACCO)]).await.status, 404);
    let other = app.signed_in(TOBACCO_ASSOCIATION_ADMIN).await;
    assert_eq!(other.post_form(&ask, &[("empresa", TOBACCO)]).await.status, 404);

    let admin = app.signed_in(ASSOCIATION_ADMIN).await;
    let reply = admin.post_form(&ask, &[("empresa", TOBACCO)]).await;
    assert_eq!(reply.status, 303);
    assert!(reply.header("location").unwrap().contains("solicitud=enviada"), "{reply:?}");
    let again = admin.post_form(&ask, &[("empresa", TOBACCO)]).await;
    assert!(again.header("location").unwrap().contains("solicitud=ya-pedida"));
    let shares = admin.post_form(&ask, &[("empresa", MILL)]).await;
    assert!(shares.header("location").unwrap().contains("solicitud=ya-comparte"));

    let typo = admin.post_form(&ask, &[("empresa", "Tabacalera del Nayar")]).await;
    let back = typo.header("location").unwrap().to_owned();
    assert!(back.contains("solicitud=desconocida"), "{back}");
    let page = admin.get(&back).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(r#"value="Tabacalera del Nayar""#), "what was typed is kept");
    assert!(page.body.contains("No hay ninguna empresa con ese nombre"));

    // The tobacco company's admin sees the union's request beside its association's grant.
    let tobacco = app.organization_id(OrganizationKind::Company, TOBACCO).await.to_string();
    let seen = access(&app.signed_in(TOBACCO_ADMIN).await, &tobacco).await;
    assert!(seen.requests.iter().any(|r| r.counterpart.name == UNION));
    let grant = seen.grants.iter().find(|g| g.grantee.name == TOBACCO_ASSOCIATION).expect("the demo's pair");
    assert!(!grant.shares_summary, "the tobacco company shares its progress alone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_one_but_the_associations_people_reaches_its_dashboard_and_they_never_reach_an_answer() {
    let (app, union) = demo().await;
    let paths = [
        format!("/asociaciones/{union}"),
        format!("/asociaciones/{union}/panel.csv"),
        format!("/asociaciones/{union}/panel.pdf"),
    ];
    let rightful = app.signed_in(ASSOCIATION_VIEWER).await;
    for path in &paths {
        assert_eq!(rightful.get(path).await.status, 200, "{path}");
    }
    for who in [TOBACCO_ASSOCIATION_ADMIN, MILL_ADMIN, ADVISOR, PLATFORM_ADMIN] {
        let visitor = app.signed_in(who).await;
        for path in &paths {
            let reply = visitor.get(path).await;
            assert_eq!(reply.status, 404, "{who} reached {path}");
            assert!(!reply.body.contains(GROWER_1), "{who}: {path}");
        }
        let call = visitor.call("associations/dashboard", &[("association_id", &union)]).await;
        assert_eq!(call.status, 404, "{who}");
    }
    let signed_out = app.visitor();
    assert_eq!(signed_out.get(&paths[0]).await.status, 302);
    assert_eq!(signed_out.get(&paths[1]).await.status, 303);
    assert_eq!(signed_out.call("associations/dashboard", &[("association_id", &union)]).await.status, 401);

    // The tobacco company shares with its own association only, and without its summary: the
    // store refuses its answers to both associations, and gives a grower's to the union.
    let store = &app.store;
    let viewer_of = async |email: &str| {
        store.viewer(store.account_by_email(email).await.unwrap().unwrap().id).await.unwrap().unwrap()
    };
    let union_id = union.parse().unwrap();
    let tobacco_association = app.organization_id(OrganizationKind::Association, TOBACCO_ASSOCIATION).await;
    let tobacco = app.organization_id(OrganizationKind::Company, TOBACCO).await;
    let grower_1 = app.organization_id(OrganizationKind::Company, GROWER_1).await;
    let union_admin = viewer_of(ASSOCIATION_ADMIN).await;
    let tobacco_admin = viewer_of(TOBACCO_ASSOCIATION_ADMIN).await;
    assert!(store.shared_assessment(&union_admin, union_id, grower_1).await.unwrap().is_some());
    assert!(matches!(
        store.shared_assessment(&union_admin, union_id, tobacco).await,
        Err(store::StoreError::NotFound)
    ));
    assert!(matches!(
        store.shared_assessment(&tobacco_admin, tobacco_association, tobacco).await,
        Err(store::StoreError::NotFound)
    ));
    assert!(store.plan_status_changes(&tobacco_admin, tobacco).await.is_ok());
    assert!(matches!(
        store.plan_status_changes(&tobacco_admin, grower_1).await,
        Err(store::StoreError::NotFound)
    ));
    // What the dashboard reads of all its members at once gives the same: the grower's summary and
    // the mill's plan to the union, nothing of the tobacco company, whose own association gets no
    // answers of it; nothing of the union's members to an admin of another association.
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let union_reads = store.shared_by_members(&union_admin, union_id).await.unwrap();
    assert!(union_reads.summaries.contains_key(&grower_1) && union_reads.plans.contains_key(&mill));
    assert!(!union_reads.summaries.contains_key(&tobacco) && !union_reads.plans.contains_key(&tobacco));
    let tobacco_reads = store.shared_by_members(&tobacco_admin, tobacco_association).await.unwrap();
    assert!(tobacco_reads.summaries.is_empty());
    assert!(matches!(
        store.shared_by_members(&tobacco_admin, union_id).await,
        Err(store::StoreError::NotFound)
    ));

    // And an association never reaches a member's answers, whatever it shares.
    let assessment = app.demo_assessment(app.organization_id(OrganizationKind::Company, MILL).await).await;
    for path in [format!("/evaluaciones/{assessment}"), format!("/evaluaciones/{assessment}/brechas")] {
        assert_eq!(rightful.get(&path).await.status, 404, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_exports_as_csv_and_as_a_pdf_for_the_board_and_each_export_is_logged() {
    let (app, union) = demo().await;
    let admin = app.signed_in(ASSOCIATION_ADMIN).await;
    let (status, csv) = admin.get_bytes(&format!("/asociaciones/{union}/panel.csv?sector=cane_grower")).await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).expect("UTF-8");
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark for spreadsheets");
    assert!(csv.contains(GROWER_1) && csv.contains(MILL));
    assert!(
        csv.contains("dejaría deducir los datos de muy pocas empresas"),
        "the growers alone are withheld"
    );

    let (status, pdf) = admin.get_bytes(&format!("/asociaciones/{union}/panel.pdf")).await;
    assert_eq!(status, 200);
    let (text, pages) = read_pdf(&pdf);
    assert!(pages >= 1);
    for expected in [UNION, GROWER_1, "Brechas de las últimas evaluaciones", "Todos los sectores"] {
        assert!(text.contains(expected), "the PDF lacks `{expected}`:\n{text}");
    }
    let grower = app.organization_id(OrganizationKind::Company, GROWER_1).await;
    let log = app.audit_log(grower, GROWER_1_ADMIN).await;
    assert!(log.iter().any(|l| l.action == AuditAction::OutsiderExported));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_minimum_is_set_per_installation() {
    let app = TestApp::spawn_with_settings(|settings| settings.aggregate_minimum = Minimum::new(7)).await;
    app.load_demo().await;
    let union = app.organization_id(OrganizationKind::Association, UNION).await.to_string();
    let board = dashboard(&app.signed_in(ASSOCIATION_VIEWER).await, &union, "").await;
    assert_eq!(board.minimum, 7);
    assert_eq!(disclosure(&board, Measure::Gaps), (Disclosure::TooFew { needs: 1 }, 6));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mills_admin_sees_exactly_what_the_union_receives_and_controls_it() {
    let (app, union) = demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    let admin = app.signed_in(MILL_ADMIN).await;
    let own = access(&admin, &mill).await;
    let grant = own.grants.iter().find(|g| g.grantee.name == UNION).expect("the demo's grant");
    let (_, preview) = own.previews.iter().find(|(id, _)| *id == grant.id).expect("what the union receives");
    let union_viewer = app.signed_in(ASSOCIATION_VIEWER).await;
    let received = dashboard(&union_viewer, &union, "").await;
    let line = received.members.iter().find(|m| m.company.name == MILL).expect("the mill's line");
    assert_eq!(preview, line, "the preview is the union's very line");
    assert!(line.summary.is_some());

    // The admin takes the summary back: revoke, grant progress alone; the union's next look has
    // the mill's progress and no summary. The gaps now rest on the five growers, one company
    // fewer than the actions' six: shown together they would give the mill's, so they are not.
    let revoke = format!("/empresas/{mill}/accesos/{}/retirar", grant.id);
    assert_eq!(admin.post_form(&revoke, &[]).await.status, 303);
    let union_id = grant.grantee.id.to_string();
    let regrant = admin
        .post_form(
            &format!("/empresas/{mill}/accesos"),
            &[("scope", "plan_progress"), ("grantee", &union_id)],
        )
        .await;
    assert_eq!(regrant.status, 303);
    let received = dashboard(&union_viewer, &union, "").await;
    let line = received.members.iter().find(|m| m.company.name == MILL).expect("still a member");
    assert!(!line.shares_summary && line.summary.is_none() && line.plan.is_some());
    assert_eq!(disclosure(&received, Measure::Gaps), (Disclosure::WouldSingleOut, 5));
    assert_eq!(disclosure(&received, Measure::Actions), (Disclosure::Shown, 6));
    let own = access(&admin, &mill).await;
    assert!(own.previews.iter().all(|(_, p)| p.summary.is_none()), "the preview follows");

    // Granting again with the box ticked adds the summary back to the grant in place.
    let fields = [("scope", "plan_progress"), ("grantee", union_id.as_str()), ("shares_summary", "si")];
    assert_eq!(admin.post_form(&format!("/empresas/{mill}/accesos"), &fields).await.status, 303);
    let grants = access(&admin, &mill).await.grants;
    let unions: Vec<bool> =
        grants.iter().filter(|g| g.grantee.name == UNION).map(|g| g.shares_summary).collect();
    assert_eq!(unions, [true], "one grant, with the summary");
    let received = dashboard(&union_viewer, &union, "").await;
    assert!(received.members.iter().any(|m| m.company.name == MILL && m.summary.is_some()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accept_and_a_decline_at_once_give_one_answer() {
    let (app, union) = demo().await;
    let grower_6 = app.organization_id(OrganizationKind::Company, GROWER_6).await.to_string();
    let (first, second) = (app.signed_in(GROWER_6_ADMIN).await, app.signed_in(GROWER_6_ADMIN).await);
    let request = access(&first, &grower_6).await.requests[0].id.to_string();
    let answer = format!("/empresas/{grower_6}/accesos/solicitudes/{request}");
    let (accept, decline) = tokio::join!(
        first.post_form(&answer, &[("respuesta", "aceptar")]),
        second.post_form(&answer, &[("respuesta", "rechazar")]),
    );
    let mut statuses = [accept.status, decline.status];
    statuses.sort();
    assert_eq!(statuses, [303, 404], "one answer wins, the other finds nothing to answer");
    let board = dashboard(&app.signed_in(ASSOCIATION_ADMIN).await, &union, "").await;
    let member = board.members.iter().any(|m| m.company.name == GROWER_6);
    let declined =
        board.requests.iter().any(|r| r.counterpart.name == GROWER_6 && r.state == RequestState::Declined);
    assert_eq!(member, accept.status == 303, "a member exactly when the acceptance won");
    assert_eq!(declined, decline.status == 303, "declined exactly when the decline won");
}

/// A union followed by many companies (the bench's seed: 25 besides the demo's growers) reads its
/// members a page at a time; the figures across members rest on every one of them on every page,
/// the export carries them all, and each member's log records each look.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_list_of_members_is_paged_while_the_figures_and_the_export_count_them_all() {
    use server::bench::{Scale, company_admin_email, seed};
    let app = TestApp::spawn().await;
    // Every seeded company with a plan: the figures on actions rest on all of them.
    let scale = Scale { companies: 25, plans: 25, long_plan_actions: 0 };
    seed(&app.store, &app.library, senda_tests::DEMO_PASSWORD, scale).await.expect("seed 25 companies");
    let union = app.organization_id(OrganizationKind::Association, UNION).await.to_string();
    let viewer = app.signed_in(ASSOCIATION_VIEWER).await;
    let page = |number: &'static str| {
        let viewer = &viewer;
        let union = union.clone();
        async move {
            let fields = [("association_id", union.as_str()), ("pagina", number)];
            let reply = viewer.call("associations/dashboard", &fields).await;
            assert_eq!(reply.status, 200, "{}", reply.body);
            serde_json::from_str::<Dashboard>(&reply.body).expect("a dashboard")
        }
    };
    let (first, second) = (page("1").await, page("2").await);
    let total = first.members_total as usize;
    assert_eq!(total, 25 + 6, "the seeded companies, the mill and five growers");
    assert_eq!((first.members_page, first.members_pages, second.members_page), (1, 2, 2));
    assert_eq!((first.members.len(), second.members.len()), (20, total - 20));
    assert!(first.members.iter().all(|m| second.members.iter().all(|n| n.company.id != m.company.id)));
    assert_eq!(first.aggregates, second.aggregates, "the figures rest on every member, on every page");
    let (_, companies) = disclosure(&first, Measure::Actions);
    assert!(companies > 25, "every seeded company's plan, and the demo's: {companies}");

    // The export carries every member.
    let csv = viewer.get(&format!("/asociaciones/{union}/panel.csv")).await;
    assert_eq!(csv.status, 200);
    for member in first.members.iter().chain(&second.members) {
        assert!(csv.body.contains(&member.company.name), "{} in the export", member.company.name);
    }

    // A member on the second page was looked at by each page: its figures count on both.
    let last = app.organization_id(OrganizationKind::Company, "Empresa de carga 0024 (bench)").await;
    let looks = app
        .audit_log(last, &company_admin_email(24))
        .await
        .into_iter()
        .filter(|l| l.action == AuditAction::OutsiderViewed && l.detail == "association dashboard")
        .count();
    assert_eq!(looks, 2);

    // The page links the next one.
    let html = viewer.get(&format!("/asociaciones/{union}")).await;
    assert!(html.body.contains(&format!("href=\"/asociaciones/{union}?pagina=2\"")), "{}", html.body);
}
