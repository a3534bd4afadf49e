/* SPDX-License-Identifier: MIT */
/*
 * Example (C): ntm from a C program, through <ntm/c/ntm.h> only. Analyses the Thạch Lỗi
 * 2023 plan (criteria met, the date the goal is projected to be met, the critical path, the
 * funding A, B and gap, what the document states wrongly); then builds a criteria set of its
 * own on the Hải Dương set, with an indicator evaluated by a C callback, and evaluates
 * Thạch Lỗi's facts against it; then shows the located error an ambiguous amount gets.
 * Run from the examples/ directory.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <ntm/c/ntm.h>

/* Prints the last error and returns 1 when `rc` is not NTM_OK. */
static int failed(int rc, const char* what) {
  if (rc == NTM_OK) return 0;
  fprintf(stderr, "%s: %s (%s)\n", what, ntm_error_to_string(ntm_error_last()), ntm_code_name(rc));
  return 1;
}

/* Money is whole đồng (int64_t); shown here also in tỷ (10^9 đồng) to one decimal. */
static void print_money(const char* label, int64_t dong) {
  printf("%s %" PRId64 " đ (%" PRId64 ",%" PRId64 " tỷ)\n", label, dong, dong / 1000000000, dong % 1000000000 / 100000000);
}

/* Dates are yyyymmdd numbers; 0 is "no date". */
static void print_date(const char* label, int32_t ymd) {
  if (ymd == 0)
    printf("%s không đạt theo kế hoạch\n", label);
  else
    printf("%s %02d/%02d/%04d\n", label, (int)(ymd % 100), (int)(ymd / 100 % 100), (int)(ymd / 10000));
}

/* The C program's own evaluator: a "digital commune" indicator, met when the commune has both
 * digital address plates and free public wifi. `payload` counts the calls. */
static int digital_commune(void* payload, const ntm_fact_view* facts, ntm_call* call) {
  int plates = 0, wifi = 0, plates_known = 0, wifi_known = 0;
  char why[160];
  ++*(int*)payload;
  if (ntm_fact_view_get_bool(facts, "digital_address_plates", NTM_NTS, &plates, &plates_known, NULL) != NTM_OK ||
      ntm_fact_view_get_bool(facts, "public_free_wifi", NTM_NTS, &wifi, &wifi_known, NULL) != NTM_OK) {
    ntm_call_fail(call, ntm_error_message(ntm_error_last()), NTM_NTS, NULL);
    return 1;
  }
  if (!plates_known || !wifi_known) return ntm_call_outcome(call, NTM_STATUS_UNKNOWN, "thiếu số liệu", NTM_NTS, NULL);
  snprintf(why, sizeof why, "biển địa chỉ số: %s; wifi công cộng miễn phí: %s", plates ? "có" : "chưa", wifi ? "có" : "chưa");
  return ntm_call_outcome(call, plates && wifi ? NTM_STATUS_MET : NTM_STATUS_NOT_MET, why, NTM_NTS, NULL);
}

static const char local_set[] =
    "{\"format\": \"ntm.criteria-set/1\", \"id\": \"thach-loi-local-2023\",\n"
    " \"title\": {\"vi\": \"Xã Thạch Lỗi: tiêu chí riêng năm 2023\", \"en\": \"Thạch Lỗi: local criteria 2023\"},\n"
    " \"extends\": [\"hai-duong-nang-cao-2021-2025.json\"],\n"
    " \"criteria\": [{\"id\": \"XL1\", \"number\": 1, \"name\": {\"vi\": \"Xã chuyển đổi số\", \"en\": \"Digital commune\"},\n"
    "   \"indicators\": [{\"id\": \"XL1.1\", \"name\": {\"vi\": \"Biển địa chỉ số và wifi công cộng\", \"en\": \"Address plates and public wifi\"},\n"
    "     \"evaluator\": \"digital_commune\", \"reads\": [\"digital_address_plates\", \"public_free_wifi\"]}]}],\n"
    " \"standard\": {\"id\": \"NC_XL\", \"name\": \"Nâng cao và chuyển đổi số\", \"condition\": \"NC and XL1\"}}\n";

static int analyse_plan(const ntm_registry* registry) {
  ntm_plan_options options = NTM_PLAN_OPTIONS_INIT;
  ntm_plan* plan = NULL;
  ntm_analysis* analysis = NULL;
  ntm_assessment* baseline = NULL;
  const char* goal = NULL;
  size_t index = 0, met = 0, all = 0, paths = 0, length = 0, k = 0, count = 0;
  int32_t date = 0;
  int64_t dong = 0, stated = 0, computed = 0;
  int rc = 1;

  options.registry = registry;
  if (failed(ntm_plan_load_file(&plan, "thach-loi-2023/plan.json", &options, NULL), "plan")) goto done;
  if (failed(ntm_plan_analyze(&analysis, plan, NULL, NULL), "analysis")) goto done;
  if (failed(ntm_analysis_baseline(analysis, &baseline, NULL), "baseline")) goto done;

  ntm_plan_goal(plan, &goal, NULL);
  ntm_assessment_find_rule(baseline, goal, NTM_NTS, &index, NULL);
  ntm_assessment_rule_children(baseline, index, NTM_STATUS_MET, &met, NULL);
  ntm_assessment_rule_children(baseline, index, -1, &all, NULL);
  printf("Mục tiêu %s: đạt %zu/%zu tiêu chí đầu năm 2023\n", goal, met, all);
  ntm_analysis_goal_met_on(analysis, &date, NULL);
  print_date("Dự kiến đạt chuẩn:", date);
  ntm_analysis_project_finish(analysis, &date, NULL);
  print_date("Hoàn thành lộ trình:", date);

  ntm_analysis_critical_path_count(analysis, &paths, NULL);
  if (paths > 0) {
    const char* task = NULL;
    ntm_analysis_critical_path_length(analysis, 0, &length, NULL);
    printf("Đường găng:");
    for (k = 0; k < length; ++k) {
      ntm_analysis_critical_path_task(analysis, 0, k, &task, NULL);
      printf("%s %s", k ? " →" : "", task);
    }
    printf("\n");
  }

  ntm_analysis_funding(analysis, NTM_FUNDING_NEEDS, &dong, NULL);
  print_money("A (nhu cầu):", dong);
  ntm_analysis_funding(analysis, NTM_FUNDING_SOURCES, &dong, NULL);
  print_money("B (nguồn, tính lại):", dong);
  ntm_analysis_funding(analysis, NTM_FUNDING_GAP, &dong, NULL);
  print_money("A - B:", dong);
  ntm_analysis_funding(analysis, NTM_FUNDING_IN_YEAR_GAP, &dong, NULL);
  print_money("Thiếu trong năm (tính theo thời điểm có tiền):", dong);
  ntm_analysis_discrepancy_count(analysis, &count, NULL);
  for (k = 0; k < count; ++k) {
    const char* figure = NULL;
    ntm_analysis_discrepancy(analysis, k, &figure, &stated, &computed, NULL);
    printf("Số liệu ghi sai: %s ghi %" PRId64 " đ, tính được %" PRId64 " đ\n", figure, stated, computed);
  }
  rc = 0;
done:
  ntm_assessment_free(baseline);
  ntm_analysis_free(analysis);
  ntm_plan_free(plan);
  return rc;
}

static int evaluate_local_set(const ntm_registry* registry, const int* calls) {
  static const char* const shown[] = {"XL1.1", "XL1", "NC", "NC_XL"};
  ntm_criteria_set* set = NULL;
  ntm_program* program = NULL;
  ntm_facts* facts = NULL;
  ntm_assessment* assessment = NULL;
  ntm_evaluate_options options = NTM_EVALUATE_OPTIONS_INIT;
  size_t k = 0, index = 0;
  int rc = 1;

  if (failed(ntm_criteria_set_load_memory(&set, local_set, sizeof local_set - 1, "thach-loi-2023/thach-loi-local.json",
                                          NTM_NTS, NULL, NULL), "criteria set")) goto done;
  if (failed(ntm_program_compile(&program, set, registry, NULL), "compile")) goto done;
  if (failed(ntm_facts_load_file(&facts, program, "thach-loi-2023/facts-2023-01.json", NULL, NULL), "facts")) goto done;
  options.date = NTM_DATE(2023, 1, 1);
  options.region = "dbsh";
  options.region_len = NTM_NTS;
  if (failed(ntm_program_evaluate(&assessment, program, facts, &options, NULL), "evaluate")) goto done;
  for (k = 0; k < sizeof shown / sizeof shown[0]; ++k) {
    char* text = NULL;
    if (failed(ntm_assessment_find_rule(assessment, shown[k], NTM_NTS, &index, NULL), shown[k])) goto done;
    ntm_assessment_rule_explain(assessment, index, NTM_LANG_VI, &text, NULL, NULL);
    printf("%s: %s\n", shown[k], text);
    ntm_string_free(text);
  }
  /* Thạch Lỗi's facts change: the plates and the wifi are done. */
  if (failed(ntm_facts_set_json(facts, "digital_address_plates", NTM_NTS, "true", NTM_NTS, NULL), "set") ||
      failed(ntm_facts_set_json(facts, "public_free_wifi", NTM_NTS, "true", NTM_NTS, NULL), "set"))
    goto done;
  ntm_assessment_free(assessment);
  assessment = NULL;
  if (failed(ntm_program_evaluate(&assessment, program, facts, &options, NULL), "evaluate")) goto done;
  {
    ntm_rule_status status = NTM_STATUS_UNKNOWN;
    ntm_assessment_find_rule(assessment, "XL1", NTM_NTS, &index, NULL);
    ntm_assessment_rule_status(assessment, index, &status, NULL);
    printf("XL1 sau khi gắn biển và lắp wifi: %s (evaluator gọi %d lần)\n", status == NTM_STATUS_MET ? "Đạt" : "Chưa đạt", *calls);
  }
  rc = 0;
done:
  ntm_assessment_free(assessment);
  ntm_facts_free(facts);
  ntm_program_free(program);
  ntm_criteria_set_free(set);
  return rc;
}

/* A facts file with "1.000" as an amount: one thousand đồng, or one (million)? ntm refuses. */
static void show_error(void) {
  static const char set_json[] =
      "{\"id\": \"x\", \"title\": \"x\",\n"
      " \"parameters\": [{\"id\": \"income_min\", \"type\": \"money\", \"values\": [{\"value\": \"1.000\"}]}]}";
  ntm_criteria_set* set = NULL;
  ntm_error* error = NULL;
  int rc = ntm_criteria_set_load_memory(&set, set_json, NTM_NTS, "ambiguous.json", NTM_NTS, NULL, &error);
  printf("%s, errc %d (%s) at %s:%u:%u %s\n%s\n", ntm_code_name(rc), ntm_error_errc(error), ntm_error_name(error),
         ntm_error_file(error), ntm_error_line(error), ntm_error_column(error), ntm_error_pointer(error),
         ntm_error_to_string(error));
  ntm_error_free(error);
  ntm_criteria_set_free(set);
}

int main(void) {
  ntm_registry* registry = NULL;
  int calls = 0, rc = 1;
  if (strcmp(ntm_version(), NTM_VERSION_STRING) != 0 || ntm_c_abi_version() != NTM_C_ABI_VERSION) {
    fprintf(stderr, "header %s but library %s\n", NTM_VERSION_STRING, ntm_version());
    return 1;
  }
  if (failed(ntm_registry_create(&registry, NULL), "registry") ||
      failed(ntm_registry_add_evaluator(registry, "digital_commune", NTM_NTS, digital_commune, &calls, NULL), "evaluator"))
    goto done;
  if (analyse_plan(registry) != 0 || evaluate_local_set(registry, &calls) != 0) goto done;
  show_error();
  rc = 0;
done:
  ntm_registry_free(registry);
  return rc;
}
