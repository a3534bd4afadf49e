/* SPDX-License-Identifier: MIT */
/*
 * The C API used from C: compiled as C99 with -pedantic -Werror -Wall -Wextra (so the header
 * is proved to be C99), run by ctest. Usage: ntm_c_test <examples/thach-loi-2023 directory>.
 * Prints "c api test ok" and exits 0, or names the first failed check and exits 1.
 */
#include <stdio.h>
#include <string.h>

#include <ntm/c/ntm.h>

static int failures = 0;

#define EXPECT(cond)                                                             \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "%s:%d: failed: %s\n  last error: %s\n", __FILE__, __LINE__, #cond, \
              ntm_error_to_string(ntm_error_last()));                            \
      ++failures;                                                                \
    }                                                                            \
  } while (0)

/* An evaluator that fails: only its own indicator is errored. */
static int broken_evaluator(void* payload, const ntm_fact_view* facts, ntm_call* call) {
  (void)payload;
  (void)facts;
  ntm_call_fail(call, "service unavailable", NTM_NTS, NULL);
  return 1;
}

/* count_true(a, b) -> integer: how many of two bools are true. */
static int count_true(void* payload, const ntm_value* args, size_t n, ntm_call* call) {
  ntm_value result;
  (void)payload;
  result.type = NTM_TYPE_INTEGER;
  result.known = 1;
  result.raw = (n == 2) ? (args[0].raw != 0) + (args[1].raw != 0) : -1;
  result.text = NULL;
  result.text_len = 0;
  return ntm_call_return(call, &result, NULL);
}

static void test_plan(const char* dir) {
  char path[1024];
  ntm_plan* plan = NULL;
  ntm_analysis* analysis = NULL;
  ntm_assessment* baseline = NULL;
  size_t nc = 0, met = 0, all = 0;
  int32_t date = 0;
  int64_t gap = 0;
  char* json = NULL;
  size_t len = 0;

  snprintf(path, sizeof path, "%s/plan.json", dir);
  EXPECT(ntm_plan_load_file(&plan, path, NULL, NULL) == NTM_OK);
  EXPECT(ntm_plan_analyze(&analysis, plan, NULL, NULL) == NTM_OK);
  EXPECT(ntm_analysis_baseline(analysis, &baseline, NULL) == NTM_OK);
  EXPECT(ntm_assessment_find_rule(baseline, "NC", NTM_NTS, &nc, NULL) == NTM_OK);
  EXPECT(ntm_assessment_rule_children(baseline, nc, NTM_STATUS_MET, &met, NULL) == NTM_OK && met == 12);
  EXPECT(ntm_assessment_rule_children(baseline, nc, -1, &all, NULL) == NTM_OK && all == 19);
  EXPECT(ntm_analysis_goal_met_on(analysis, &date, NULL) == NTM_OK && date == NTM_DATE(2023, 12, 15));
  EXPECT(ntm_analysis_funding(analysis, NTM_FUNDING_GAP, &gap, NULL) == NTM_OK && gap == 13300000000LL);
  EXPECT(ntm_analysis_to_json(analysis, NTM_LANG_VI, &json, &len, NULL) == NTM_OK && json != NULL && len == strlen(json));
  ntm_string_free(json);
  ntm_assessment_free(baseline);
  ntm_analysis_free(analysis);
  ntm_plan_free(plan); /* the analysis was freed first here, but either order is allowed */
}

/* Counts the reports and checks they come in order; stops at the third. */
struct report_count {
  size_t calls;
  int in_order;
};
static int count_reports(void* payload, size_t index, const char* json, size_t len) {
  struct report_count* count = (struct report_count*)payload;
  if (index != count->calls || len != strlen(json) || strstr(json, "\"ntm.batch/1\"") == NULL) count->in_order = 0;
  ++count->calls;
  return count->calls == 3 ? 1 : 0;
}

/* A table of units under several scenarios at once, the reports through a callback. */
static void test_scenarios(const char* dir) {
  static const char table[] =
      "{\"id\": \"x1\", \"facts\": {\"income_per_capita\": \"69 triệu\"}}\n"
      "{\"id\": \"x2\", \"facts\": {\"income_per_capita\": \"71 triệu\"}}\n";
  char path[1024];
  ntm_plan* plan = NULL;
  ntm_program* program = NULL;
  ntm_scenario* higher = NULL;
  const ntm_scenario* list[4];
  ntm_units_options options = NTM_UNITS_OPTIONS_INIT;
  struct report_count count = {0, 1};
  ntm_error* error = NULL;

  snprintf(path, sizeof path, "%s/plan.json", dir);
  EXPECT(ntm_plan_load_file(&plan, path, NULL, NULL) == NTM_OK);
  EXPECT(ntm_plan_program(plan, &program, NULL) == NTM_OK);
  snprintf(path, sizeof path, "%s/scenarios/threshold-70m.json", dir);
  EXPECT(ntm_scenario_load_file(&higher, path, NULL, NULL) == NTM_OK);
  list[0] = list[1] = list[2] = list[3] = higher;
  options.date = NTM_DATE(2023, 12, 31);
  EXPECT(ntm_program_assess_scenarios(program, table, NTM_NTS, NTM_TABLE_JSONL, "t.jsonl", NTM_NTS, list, 2, 1, &options,
                                      count_reports, &count, NULL) == NTM_OK);
  EXPECT(count.calls == 2 && count.in_order);
  /* The callback stops the run at its third report: callback_stopped, no fourth call. */
  count.calls = 0;
  EXPECT(ntm_program_assess_scenarios(program, table, NTM_NTS, NTM_TABLE_JSONL, NULL, 0, list, 4, 0, &options, count_reports,
                                      &count, &error) == NTM_ERROR);
  EXPECT(count.calls == 3 && count.in_order);
  EXPECT(error != NULL && ntm_error_errc(error) == 803 && strcmp(ntm_error_name(error), "callback_stopped") == 0);
  ntm_error_free(error);
  ntm_scenario_free(higher);
  ntm_program_free(program);
  ntm_plan_free(plan);
}

static void test_custom(void) {
  static const char set_json[] =
      "{\"id\": \"c\", \"title\": \"C\",\n"
      " \"facts\": [{\"id\": \"a\", \"type\": \"bool\", \"label\": \"a\"}, {\"id\": \"b\", \"type\": \"bool\", \"label\": \"b\"}],\n"
      " \"criteria\": [{\"id\": \"K\", \"number\": 1, \"name\": \"K\", \"indicators\": [\n"
      "   {\"id\": \"K.1\", \"name\": \"both\", \"condition\": \"count_true(a, b) == 2\"},\n"
      "   {\"id\": \"K.2\", \"name\": \"broken\", \"evaluator\": \"broken\", \"reads\": [\"a\"]}]}]}";
  const int params[2] = {NTM_TYPE_BOOL, NTM_TYPE_BOOL};
  ntm_registry* registry = NULL;
  ntm_criteria_set* set = NULL;
  ntm_program* program = NULL;
  ntm_facts* facts = NULL;
  ntm_assessment* assessment = NULL;
  ntm_evaluate_options options = NTM_EVALUATE_OPTIONS_INIT;
  ntm_rule_status status = NTM_STATUS_UNKNOWN;
  size_t index = 0;

  EXPECT(ntm_registry_create(&registry, NULL) == NTM_OK);
  EXPECT(ntm_registry_add_function(registry, "count_true", NTM_NTS, params, 2, NTM_TYPE_INTEGER, count_true, NULL, NULL) ==
         NTM_OK);
  EXPECT(ntm_registry_add_evaluator(registry, "broken", NTM_NTS, broken_evaluator, NULL, NULL) == NTM_OK);
  EXPECT(ntm_criteria_set_load_memory(&set, set_json, sizeof set_json - 1, "c.json", NTM_NTS, NULL, NULL) == NTM_OK);
  EXPECT(ntm_program_compile(&program, set, registry, NULL) == NTM_OK);
  EXPECT(ntm_facts_create(&facts, program, NULL) == NTM_OK);
  EXPECT(ntm_facts_set_json(facts, "a", NTM_NTS, "true", NTM_NTS, NULL) == NTM_OK);
  EXPECT(ntm_facts_set_json(facts, "b", 1, "true", 4, NULL) == NTM_OK);
  options.date = NTM_DATE(2023, 12, 31);
  EXPECT(ntm_program_evaluate(&assessment, program, facts, &options, NULL) == NTM_OK);
  EXPECT(ntm_assessment_find_rule(assessment, "K.1", NTM_NTS, &index, NULL) == NTM_OK);
  EXPECT(ntm_assessment_rule_status(assessment, index, &status, NULL) == NTM_OK && status == NTM_STATUS_MET);
  EXPECT(ntm_assessment_find_rule(assessment, "K.2", NTM_NTS, &index, NULL) == NTM_OK);
  EXPECT(ntm_assessment_rule_status(assessment, index, &status, NULL) == NTM_OK && status == NTM_STATUS_ERROR);
  EXPECT(ntm_assessment_find_rule(assessment, "K", NTM_NTS, &index, NULL) == NTM_OK);
  EXPECT(ntm_assessment_rule_status(assessment, index, &status, NULL) == NTM_OK && status == NTM_STATUS_ERROR);
  ntm_assessment_free(assessment);
  ntm_facts_free(facts);
  ntm_program_free(program);
  ntm_criteria_set_free(set);
  ntm_registry_free(registry);
}

static void test_errors(void) {
  ntm_criteria_set* set = (ntm_criteria_set*)&failures; /* must be reset to NULL */
  ntm_error* error = NULL;
  EXPECT(ntm_criteria_set_load_memory(&set, "{\"id\": ", NTM_NTS, "cut.json", NTM_NTS, NULL, &error) == NTM_EFORMAT);
  EXPECT(set == NULL);
  EXPECT(error != NULL && ntm_error_errc(error) == 200 && strcmp(ntm_error_name(error), "json_syntax") == 0);
  EXPECT(strcmp(ntm_error_file(error), "cut.json") == 0 && ntm_error_line(error) == 1);
  ntm_error_free(error);
  EXPECT(ntm_criteria_set_load_memory(&set, "{\"id\": \"\xC3\x28\"}", NTM_NTS, NULL, 0, NULL, NULL) == NTM_EUTF8);
  EXPECT(ntm_criteria_set_load_file(NULL, "x.json", NULL, NULL) == NTM_EINVAL);
  EXPECT(ntm_error_errc(ntm_error_last()) == 800);
  EXPECT(ntm_program_compile(NULL, NULL, NULL, NULL) == NTM_EINVAL);
  EXPECT(ntm_plan_analyze(NULL, NULL, NULL, NULL) == NTM_EINVAL);
  EXPECT(ntm_assessment_rule_count(NULL, NULL, NULL) == NTM_EINVAL);
  ntm_error_clear();
  EXPECT(ntm_error_last() == NULL);
  /* Every _free accepts NULL. */
  ntm_error_free(NULL);
  ntm_string_free(NULL);
  ntm_criteria_set_free(NULL);
  ntm_registry_free(NULL);
  ntm_program_free(NULL);
  ntm_facts_free(NULL);
  ntm_assessment_free(NULL);
  ntm_plan_free(NULL);
  ntm_analysis_free(NULL);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s <examples/thach-loi-2023 directory>\n", argv[0]);
    return 2;
  }
  EXPECT(strcmp(ntm_version(), NTM_VERSION_STRING) == 0);
  EXPECT(ntm_version_number() == NTM_VERSION);
  test_plan(argv[1]);
  test_scenarios(argv[1]);
  test_custom();
  test_errors();
  if (failures != 0) return 1;
  printf("c api test ok\n");
  return 0;
}
