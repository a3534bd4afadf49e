/* SPDX-License-Identifier: MIT */
/* A C consumer of the installed ntm (ntm::c, or pkg-config ntm-c): checks the version, then
 * evaluates a criterion from memory and, given the installed data directory as argument, the
 * Thạch Lỗi plan. Prints "c consumer ok: ntm <version>, 12/19". */
#include <stdio.h>
#include <string.h>

#include <ntm/c/ntm.h>

int main(int argc, char** argv) {
  static const char set_json[] =
      "{\"id\": \"k\", \"title\": \"k\", \"facts\": [{\"id\": \"income\", \"type\": \"money\", \"label\": \"thu nhập\"}],"
      " \"criteria\": [{\"id\": \"TC10\", \"number\": 10, \"name\": \"Thu nhập\", \"indicators\": ["
      "   {\"id\": \"TC10.1\", \"name\": \"thu nhập\", \"condition\": \"income >= 68 triệu\"}]}]}";
  ntm_criteria_set* set = NULL;
  ntm_program* program = NULL;
  ntm_facts* facts = NULL;
  ntm_assessment* assessment = NULL;
  ntm_plan* plan = NULL;
  ntm_evaluate_options options = NTM_EVALUATE_OPTIONS_INIT;
  ntm_rule_status status = NTM_STATUS_UNKNOWN;
  size_t index = 0, met = 0, all = 0;
  int rc = 1;

  if (strcmp(ntm_version(), NTM_VERSION_STRING) != 0 || ntm_c_abi_version() != NTM_C_ABI_VERSION) {
    printf("header %s but library %s\n", NTM_VERSION_STRING, ntm_version());
    return 1;
  }
  options.date = NTM_DATE(2023, 12, 31);
  if (ntm_criteria_set_load_memory(&set, set_json, NTM_NTS, "k.json", NTM_NTS, NULL, NULL) != NTM_OK ||
      ntm_program_compile(&program, set, NULL, NULL) != NTM_OK || ntm_facts_create(&facts, program, NULL) != NTM_OK ||
      ntm_facts_set_json(facts, "income", NTM_NTS, "\"59,58 triệu\"", NTM_NTS, NULL) != NTM_OK ||
      ntm_program_evaluate(&assessment, program, facts, &options, NULL) != NTM_OK ||
      ntm_assessment_find_rule(assessment, "TC10", NTM_NTS, &index, NULL) != NTM_OK ||
      ntm_assessment_rule_status(assessment, index, &status, NULL) != NTM_OK || status != NTM_STATUS_NOT_MET)
    goto done;
  ntm_assessment_free(assessment);
  assessment = NULL;
  if (argc > 1) {
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/thach-loi-2023/plan.json", argv[1]);
    if (ntm_plan_load_file(&plan, path, NULL, NULL) != NTM_OK || ntm_plan_evaluate(&assessment, plan, NULL, NULL) != NTM_OK ||
        ntm_assessment_find_rule(assessment, "NC", NTM_NTS, &index, NULL) != NTM_OK ||
        ntm_assessment_rule_children(assessment, index, NTM_STATUS_MET, &met, NULL) != NTM_OK ||
        ntm_assessment_rule_children(assessment, index, -1, &all, NULL) != NTM_OK)
      goto done;
  }
  printf("c consumer ok: ntm %s, %zu/%zu\n", ntm_version(), met, all);
  rc = 0;
done:
  if (rc != 0) printf("c consumer failed: %s\n", ntm_error_to_string(ntm_error_last()));
  ntm_plan_free(plan);
  ntm_assessment_free(assessment);
  ntm_facts_free(facts);
  ntm_program_free(program);
  ntm_criteria_set_free(set);
  return rc;
}
