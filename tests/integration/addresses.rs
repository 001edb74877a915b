//! Every address `app::urls` builds is one the server serves: a link or form built there can
//! never point at nothing.

use app::model::assessment::AssessmentOverview;
use app::model::plan::PlanPage;
use app::urls;
use assessments::organization::OrganizationKind;
use senda_tests::TestApp;
use senda_tests::demo::*;

#[tokio::test]
async fn every_address_the_app_builds_is_served() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let admin = app.signed_in(MILL_ADMIN).await;

    let assessment = app.demo_assessment(mill).await;
    let overview = admin.call("assessments/overview", &[("assessment_id", &assessment.to_string())]).await;
    let overview: AssessmentOverview = serde_json::from_str(&overview.body).unwrap();
    let section = overview.sections[0].id.to_string();
    let plan = overview.plan.expect("the demo mill's plan");
    let page = admin.call("plans/get", &[("plan_id", &plan.to_string())]).await;
    let page: PlanPage = serde_json::from_str(&page.body).unwrap();
    let action = page.actions[0].action.id;
    let invited =
        admin.post_form(&format!("/organizaciones/{mill}/invitaciones"), &[("role", "company_member")]).await;
    let location = invited.header("location").unwrap().to_owned();
    let token = location.split("invitacion=").nth(1).expect("an invitation token").to_owned();

    let addresses = [
        urls::sign_in_href("/empresas"),
        urls::company(mill),
        urls::company_access(mill),
        urls::company_audit_log(mill),
        urls::people(mill),
        urls::assessment(assessment),
        urls::assessment_section(assessment, &section),
        urls::gap_report(assessment),
        urls::gap_report_csv(assessment),
        urls::gap_report_pdf(assessment),
        urls::plan(plan),
        urls::plan_action(plan, action),
        urls::plan_pdf(plan),
        urls::invitation(&token),
    ];
    for address in addresses {
        let reply = admin.get(&address).await;
        assert_eq!(reply.status, 200, "{address}");
        assert!(!reply.body.contains("No encontramos esta página"), "{address} is the not-found page");
    }
}
