/* SPDX-License-Identifier: MIT */
/**
 * @file
 * The C API of ntm: a stable interface (C99, no C++ types) for programs in C and for other
 * languages' foreign-function interfaces (Python ctypes, Go cgo, Java FFM, C# P/Invoke).
 *
 * Conventions (those of libgit2 and rocksdb):
 *
 * - **Names.** Functions are `ntm_<object>_<verb>`; objects are opaque handles made by a
 *   `_create`, `_load_*`, `_compile` … function and released by the matching `_free`.
 *   Every `_free` accepts NULL. Freeing a handle twice is undefined behaviour.
 * - **Status codes.** Fallible functions return an `int`: #NTM_OK (0) or a negative `NTM_E*`
 *   code naming the family of the error. Out-parameters come first; they are written only on
 *   success (an out handle is set to NULL on failure).
 * - **Errors.** The last parameter, `ntm_error** out_error`, is optional: when it is not
 *   NULL it receives, on failure, an error object the caller frees with ntm_error_free()
 *   (and NULL on success). The same error is also kept per thread and readable with
 *   ntm_error_last(). An error has the exact numeric code (`ntm::errc`, see docs/errors.md),
 *   a message a person can act on, and where: file, line, column, JSON pointer.
 * - **Text.** Text is UTF-8, passed as a pointer and a length in bytes; pass #NTM_NTS as the
 *   length of a NUL-terminated string. Invalid UTF-8 is rejected (#NTM_EUTF8). File paths are
 *   NUL-terminated and passed to the operating system as they are.
 * - **Strings returned.** `const char*` results are borrowed: NUL-terminated, owned by the
 *   handle they come from and valid until it is freed. `char**` results are owned by the
 *   caller and released with ntm_string_free() (never with free(): do not mix allocators).
 * - **Dates** are `int32_t` numbers of the form yyyymmdd (20231231, see #NTM_DATE); 0 means
 *   "no date". **Money** is `int64_t` whole đồng. Numbers and percentages are `int64_t`
 *   millionths (95.5 % is 95500000), so no amount is ever rounded through floating point.
 * - **Enumerations** (ntm_rule_status, ntm_lang, …) name the values; parameters and struct
 *   fields that receive one are `int`, so that any value a caller passes is checked (an
 *   unknown one is #NTM_EINVAL), never undefined behaviour.
 * - **Options** are structs with a `version` field; initialise them with the matching
 *   `NTM_*_OPTIONS_INIT` macro, then change the fields you need. A NULL options pointer
 *   means the defaults.
 * - **Exceptions** never cross this API and no function aborts on bad input: every entry
 *   point checks its handles for NULL and catches everything.
 * - **Thread safety.** Compiled programs, loaded criteria sets, plans, assessments and
 *   analyses are immutable: any number of threads may use them at once. A registry or a
 *   facts handle is changed by its `_add_*`/`_set*` functions: change it from one thread at
 *   a time. ntm_error_last() is per thread.
 *
 * Example (error checks shortened):
 * @code
 *   ntm_plan* plan = NULL;
 *   ntm_analysis* analysis = NULL;
 *   if (ntm_plan_load_file(&plan, "examples/thach-loi-2023/plan.json", NULL, NULL) != NTM_OK) {
 *     fprintf(stderr, "%s\n", ntm_error_to_string(ntm_error_last()));
 *     return 1;
 *   }
 *   ntm_plan_analyze(&analysis, plan, NULL, NULL);
 *   int32_t met_on = 0;
 *   ntm_analysis_goal_met_on(analysis, &met_on, NULL);   // 20231215
 *   ntm_analysis_free(analysis);
 *   ntm_plan_free(plan);
 * @endcode
 */
#ifndef NTM_C_NTM_H_
#define NTM_C_NTM_H_

#include <stddef.h>
#include <stdint.h>

#include <ntm/c/version.h>

/** @cond internal */
#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(NTM_SHARED) && defined(NTM_BUILDING_LIBRARY)
#    define NTM_EXTERN(type) extern __declspec(dllexport) type
#  elif defined(NTM_SHARED)
#    define NTM_EXTERN(type) extern __declspec(dllimport) type
#  else
#    define NTM_EXTERN(type) extern type
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define NTM_EXTERN(type) extern __attribute__((visibility("default"))) type
#else
#  define NTM_EXTERN(type) extern type
#endif
/** @endcond */

#ifdef __cplusplus
extern "C" {
#endif

/* ==== Status codes ======================================================================= */

/** Success. */
#define NTM_OK 0
/** An error outside the families below. */
#define NTM_ERROR (-1)
/** An argument the call does not accept: a NULL handle or out-parameter, an index out of
 *  range, an unknown enumerator, an options struct of an unknown version (errc 100, 800, 801). */
#define NTM_EINVAL (-2)
/** Memory ran out (errc 802). */
#define NTM_ENOMEM (-3)
/** A file could not be read or written (errc 112). */
#define NTM_EIO (-4)
/** Text is not valid UTF-8 (errc 113). */
#define NTM_EUTF8 (-5)
/** An input exceeds a limit: file size, nesting, count (errc 114). */
#define NTM_ELIMIT (-6)
/** A named item does not exist, e.g. a rule id that an assessment lacks (errc 115). */
#define NTM_ENOTFOUND (-7)
/** A value is malformed or does not compute: money ("1.000" is ambiguous), a date, a period,
 *  a percentage or number; an overflow, a division by zero (errc 101–111). */
#define NTM_EVALUE (-8)
/** A data file's structure is wrong: JSON syntax, a wrong type, a missing or unknown field,
 *  a duplicate or unknown id, an unsupported format version (errc 2xx). */
#define NTM_EFORMAT (-9)
/** A criteria set does not check or compile, or a fact does not fit it: expressions, types,
 *  units, a dependency cycle, parameters (errc 3xx). */
#define NTM_ERULES (-10)
/** A roadmap, calendar or schedule error: durations, windows, links, progress (errc 4xx). */
#define NTM_ESCHEDULE (-11)
/** A funding or ledger error: rates, negative amounts, a funding cycle (errc 5xx). */
#define NTM_ELEDGER (-12)
/** A plan's sections do not fit together (errc 6xx). */
#define NTM_EPLAN (-13)
/** A bug in ntm (errc 199). Please report it. */
#define NTM_EINTERNAL (-14)

/** The name of a status code ("NTM_EINVAL"), or "NTM_E?" for a number that is not one. Thread-safe. */
NTM_EXTERN(const char*) ntm_code_name(int code);

/* ==== Version ============================================================================= */

/** The version of the linked library, "major.minor.patch" (compare with #NTM_VERSION_STRING
 *  to detect a header/library mismatch). A static string. Thread-safe. */
NTM_EXTERN(const char*) ntm_version(void);
/** The version of the linked library as a number, like #NTM_VERSION. Thread-safe. */
NTM_EXTERN(int) ntm_version_number(void);
/** The C ABI version of the linked library, like #NTM_C_ABI_VERSION. Thread-safe. */
NTM_EXTERN(int) ntm_c_abi_version(void);

/* ==== Errors ============================================================================= */

/** An error: code, message, location, and the list of every problem found. */
typedef struct ntm_error ntm_error;

/**
 * The error of the last failing call on this thread, or NULL if none failed since the
 * thread started or called ntm_error_clear(). Successful calls leave it unchanged (like
 * errno). Owned by the library: valid until the next failing call on this thread; do not
 * free it.
 */
NTM_EXTERN(const ntm_error*) ntm_error_last(void);
/** Forgets this thread's last error. */
NTM_EXTERN(void) ntm_error_clear(void);
/** Frees an error received through an `out_error` parameter. NULL is allowed.
 *  Not while another thread reads the error. */
NTM_EXTERN(void) ntm_error_free(ntm_error* error);

/** The status code family of the error (`NTM_E*`); #NTM_OK for NULL. Thread-safe. */
NTM_EXTERN(int) ntm_error_code(const ntm_error* error);
/** The exact error number (`ntm::errc`, e.g. 103 money_ambiguous); 0 for NULL. Thread-safe. */
NTM_EXTERN(int) ntm_error_errc(const ntm_error* error);
/** The name of the exact error ("money_ambiguous"); "" for NULL. Borrowed. Thread-safe. */
NTM_EXTERN(const char*) ntm_error_name(const ntm_error* error);
/** What is wrong and, where possible, what to do; "" for NULL. Borrowed. Thread-safe. */
NTM_EXTERN(const char*) ntm_error_message(const ntm_error* error);
/** The file the error is in, "" when unknown or for NULL. Borrowed. Thread-safe. */
NTM_EXTERN(const char*) ntm_error_file(const ntm_error* error);
/** The 1-based line, 0 when unknown or for NULL. Thread-safe. */
NTM_EXTERN(uint32_t) ntm_error_line(const ntm_error* error);
/** The 1-based column in characters, 0 when unknown or for NULL. Thread-safe. */
NTM_EXTERN(uint32_t) ntm_error_column(const ntm_error* error);
/** The JSON pointer of the value at fault ("/facts/3/type"), "" when unknown. Borrowed. Thread-safe. */
NTM_EXTERN(const char*) ntm_error_pointer(const ntm_error* error);
/** The whole error for a person: "file:line:column (at pointer): error[name/number]:
 *  message", then every detail and the context, one per line; "" for NULL. Borrowed. Thread-safe. */
NTM_EXTERN(const char*) ntm_error_to_string(const ntm_error* error);
/** The number of problems listed in the error (a loader or checker reports all it finds). Thread-safe. */
NTM_EXTERN(size_t) ntm_error_detail_count(const ntm_error* error);
/** Problem `index` of the error, or NULL when out of range. Borrowed from `error`. Thread-safe. */
NTM_EXTERN(const ntm_error*) ntm_error_detail(const ntm_error* error, size_t index);

/* ==== Strings ============================================================================ */

/** Length argument meaning "the string is NUL-terminated". */
#define NTM_NTS ((size_t)-1)

/** Frees a string the library returned through a `char**` parameter. NULL is allowed.
 *  Not while another thread reads the string. */
NTM_EXTERN(void) ntm_string_free(char* string);

/* ==== Values ============================================================================= */

/** A date as the yyyymmdd number the C API uses: NTM_DATE(2023, 12, 31) is 20231231. */
#define NTM_DATE(year, month, day) ((int32_t)((year) * 10000 + (month) * 100 + (day)))

/** The type of a fact, parameter or function argument. */
typedef enum ntm_value_type {
  NTM_TYPE_BOOL = 0,     /**< 0 or 1 in `raw` */
  NTM_TYPE_INTEGER = 1,  /**< a whole number in `raw` */
  NTM_TYPE_NUMBER = 2,   /**< an exact decimal in millionths in `raw` (12.5 km is 12500000) */
  NTM_TYPE_MONEY = 3,    /**< whole đồng in `raw` */
  NTM_TYPE_PERCENT = 4,  /**< a percentage in millionths in `raw` (95.5 % is 95500000) */
  NTM_TYPE_DATE = 5,     /**< yyyymmdd in `raw` */
  NTM_TYPE_TEXT = 6,     /**< UTF-8 in `text` and `text_len` */
  NTM_TYPE_ENUM = 7      /**< the name of one of a fact's declared values, in `text` */
} ntm_value_type;

/** Flag or-ed into a parameter type of ntm_registry_add_function(): the function is also
 *  called when that argument is unknown (otherwise an unknown argument makes the result
 *  unknown without calling it). */
#define NTM_TYPE_NULLABLE 0x100

/** A tagged value: facts, function arguments and results. */
typedef struct ntm_value {
  int type;             /**< an ntm_value_type: which member is meaningful */
  int known;            /**< nonzero when the value is known; 0: unknown (missing data) */
  int64_t raw;          /**< bool, integer, number, money, percent or date (see ntm_value_type) */
  const char* text;     /**< text and enumeration values (UTF-8, not necessarily NUL-terminated) */
  size_t text_len;      /**< bytes in `text` (or #NTM_NTS when setting a NUL-terminated text) */
} ntm_value;

/** The outcome of a rule. Missing data gives NTM_STATUS_UNKNOWN, never NOT_MET. */
typedef enum ntm_rule_status {
  NTM_STATUS_NOT_MET = 0,         /**< known to be false (Chưa đạt) */
  NTM_STATUS_MET = 1,             /**< known to be true (Đạt); for value rules: computed */
  NTM_STATUS_UNKNOWN = 2,         /**< facts needed to decide are missing (Chưa xác định) */
  NTM_STATUS_NOT_APPLICABLE = 3,  /**< does not apply to this unit (Không áp dụng) */
  NTM_STATUS_ERROR = 4            /**< its evaluation failed (Lỗi), e.g. a callback failed */
} ntm_rule_status;

/** What a rule is in a criteria set. */
typedef enum ntm_rule_kind {
  NTM_RULE_INDICATOR = 0,  /**< chỉ tiêu, inside a criterion */
  NTM_RULE_CRITERION = 1,  /**< tiêu chí */
  NTM_RULE_STANDARD = 2,   /**< the standard of a set */
  NTM_RULE_OTHER = 3       /**< any other named rule */
} ntm_rule_kind;

/** The language of names and explanations. */
typedef enum ntm_lang {
  NTM_LANG_VI = 0,  /**< Vietnamese */
  NTM_LANG_EN = 1   /**< English (falls back to Vietnamese where a set has no English text) */
} ntm_lang;

/* ==== Loading options ===================================================================== */

/** The current version of ntm_load_options. */
#define NTM_LOAD_OPTIONS_VERSION 1
/** Limits for reading data files. Zero fields mean the library's defaults. */
typedef struct ntm_load_options {
  unsigned version;         /**< #NTM_LOAD_OPTIONS_VERSION */
  size_t max_file_bytes;    /**< larger files are rejected (#NTM_ELIMIT); 0: 64 MiB */
  size_t max_depth;         /**< JSON nesting limit; 0: 64 */
} ntm_load_options;
/** Initialiser of ntm_load_options: the defaults. */
#define NTM_LOAD_OPTIONS_INIT {NTM_LOAD_OPTIONS_VERSION, 0, 0}

/* ==== Criteria sets ======================================================================= */

/** A loaded criteria set (bộ tiêu chí), with the sets it extends. Immutable. */
typedef struct ntm_criteria_set ntm_criteria_set;

/**
 * Loads a criteria set file and the files it extends (relative to it).
 * Errors: #NTM_EINVAL (NULL `out` or `path`), #NTM_EIO, #NTM_EUTF8, #NTM_ELIMIT,
 * #NTM_EFORMAT (JSON, fields), #NTM_EVALUE (e.g. an ambiguous amount "1.000"), #NTM_ERULES
 * (e.g. sets extending each other in a cycle); every problem is listed in the error's details.
 * Ownership: `*out` is the caller's; free it with ntm_criteria_set_free(). Thread-safe.
 */
NTM_EXTERN(int) ntm_criteria_set_load_file(ntm_criteria_set** out, const char* path, const ntm_load_options* options,
                                           ntm_error** out_error);
/**
 * Loads a criteria set from JSON text in memory. `name` (may be NULL) names it in errors and
 * anchors the relative file names of its "extends". Errors and ownership as
 * ntm_criteria_set_load_file(). Thread-safe.
 */
NTM_EXTERN(int) ntm_criteria_set_load_memory(ntm_criteria_set** out, const char* json, size_t json_len, const char* name,
                                             size_t name_len, const ntm_load_options* options, ntm_error** out_error);
/** The set's id. Borrowed from `set`. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_criteria_set_id(const ntm_criteria_set* set, const char** out_id, ntm_error** out_error);
/** Frees a criteria set. NULL is allowed. Programs compiled from it stay valid.
 *  Not while another thread uses the handle. */
NTM_EXTERN(void) ntm_criteria_set_free(ntm_criteria_set* set);

/* ==== Custom functions and evaluators ====================================================== */

/** Named functions and indicator evaluators an application provides, in C. */
typedef struct ntm_registry ntm_registry;
/** A call of a custom function or evaluator in progress: where the callback puts its
 *  result. Valid only during the callback. */
typedef struct ntm_call ntm_call;
/** The facts of the unit an evaluator is called for. Valid only during the callback. */
typedef struct ntm_fact_view ntm_fact_view;

/**
 * A custom function, usable in expressions ("ocop_score(stars, online) >= 35").
 * Receives its arguments (typed as registered; an argument is unknown only when its type was
 * registered with #NTM_TYPE_NULLABLE) and reports its result with ntm_call_return(), or its
 * failure with ntm_call_fail(). Returns 0, or nonzero for a failure. A failure marks only
 * the rule that called the function as #NTM_STATUS_ERROR, with the message.
 * Called concurrently when a program is evaluated from several threads: make it thread-safe.
 */
typedef int (*ntm_function_cb)(void* payload, const ntm_value* args, size_t arg_count, ntm_call* call);

/**
 * A whole-indicator evaluator, for indicators written {"evaluator": "name", "reads": [...]}.
 * Reads the facts it declares with the `ntm_fact_view_get*` functions and reports a status
 * and an explanation with ntm_call_outcome(), or its failure with ntm_call_fail(). Returns 0,
 * or nonzero for a failure. A failure marks only its own indicator as #NTM_STATUS_ERROR; the
 * rest of the assessment completes. Called concurrently from several threads: make it
 * thread-safe.
 */
typedef int (*ntm_evaluator_cb)(void* payload, const ntm_fact_view* facts, ntm_call* call);

/** Creates an empty registry. Errors: #NTM_EINVAL, #NTM_ENOMEM. Free it with
 *  ntm_registry_free(). Thread-safe. */
NTM_EXTERN(int) ntm_registry_create(ntm_registry** out, ntm_error** out_error);
/**
 * Registers a custom function `name` taking `param_count` (≤ 16) arguments of the types in
 * `param_types` (ntm_value_type values, optionally or-ed with #NTM_TYPE_NULLABLE; not
 * NTM_TYPE_ENUM) and returning a `result_type`. Compiling type-checks every call against
 * this signature. `payload` is passed to `fn` as it is: it must stay valid as long as any
 * program compiled with this registry (the library never frees it).
 * Errors: #NTM_EINVAL (NULL, a bad name, a bad type code), #NTM_EFORMAT (the name is taken:
 * duplicate_id), #NTM_EUTF8. Not thread-safe for the same registry.
 */
NTM_EXTERN(int) ntm_registry_add_function(ntm_registry* registry, const char* name, size_t name_len, const int* param_types,
                                          size_t param_count, int result_type, ntm_function_cb fn, void* payload,
                                          ntm_error** out_error);
/** Registers an indicator evaluator `name`. `payload` as for ntm_registry_add_function().
 *  Errors as ntm_registry_add_function(). Not thread-safe for the same handle. */
NTM_EXTERN(int) ntm_registry_add_evaluator(ntm_registry* registry, const char* name, size_t name_len, ntm_evaluator_cb fn,
                                           void* payload, ntm_error** out_error);
/** Frees a registry. NULL is allowed. Programs compiled with it keep their own copy.
 *  Not while another thread uses the handle. */
NTM_EXTERN(void) ntm_registry_free(ntm_registry* registry);

/** From a function callback: its result, of the registered result type (`known` 0 for
 *  unknown). Text is copied. Errors: #NTM_EINVAL (NULL, not a function call, another type),
 *  #NTM_EUTF8. Only during the callback, on its thread. */
NTM_EXTERN(int) ntm_call_return(ntm_call* call, const ntm_value* result, ntm_error** out_error);
/** From an evaluator callback: its outcome (an ntm_rule_status) and the explanation shown in the assessment
 *  ("3/4 sản phẩm có truy xuất"; may be NULL). Text is copied. Errors: #NTM_EINVAL (NULL,
 *  not an evaluator call, NTM_STATUS_ERROR: use ntm_call_fail()), #NTM_EUTF8.
 *  Only during the callback, on its thread. */
NTM_EXTERN(int) ntm_call_outcome(ntm_call* call, int status, const char* explanation, size_t explanation_len,
                                 ntm_error** out_error);
/** From either callback: the call failed, with `message` (copied). The rule gets
 *  #NTM_STATUS_ERROR. Errors: #NTM_EINVAL (NULL `call`), #NTM_EUTF8. Only during the callback, on its thread. */
NTM_EXTERN(int) ntm_call_fail(ntm_call* call, const char* message, size_t message_len, ntm_error** out_error);

/**
 * Reads fact `id` for an evaluator: `out->known` is 0 when the fact is unknown. A text is
 * borrowed from the view (valid during the callback). Only the facts the indicator lists in
 * "reads" can be read. Errors: #NTM_EINVAL (NULL, a fact not in "reads"), #NTM_ERULES (a fact
 * the set does not declare: unknown_fact), #NTM_EUTF8.
 * Only during the callback, on its thread.
 */
NTM_EXTERN(int) ntm_fact_view_get(const ntm_fact_view* facts, const char* id, size_t id_len, ntm_value* out,
                                  ntm_error** out_error);
/** Reads a bool fact into `*out_value` (0 or 1); `*out_known` is 0 when it is unknown (then
 *  `*out_value` is 0). Errors as ntm_fact_view_get(), and #NTM_ERULES (fact_type) for a fact
 *  of another type. Only during the callback, on its thread. */
NTM_EXTERN(int) ntm_fact_view_get_bool(const ntm_fact_view* facts, const char* id, size_t id_len, int* out_value,
                                       int* out_known, ntm_error** out_error);
/** Reads an integer fact. As ntm_fact_view_get_bool(). Only during the callback, on its thread. */
NTM_EXTERN(int) ntm_fact_view_get_integer(const ntm_fact_view* facts, const char* id, size_t id_len, int64_t* out_value,
                                          int* out_known, ntm_error** out_error);
/** Reads a money fact, in đồng. As ntm_fact_view_get_bool(). Only during the callback, on its thread. */
NTM_EXTERN(int) ntm_fact_view_get_money(const ntm_fact_view* facts, const char* id, size_t id_len, int64_t* out_dong,
                                        int* out_known, ntm_error** out_error);
/** Reads a text or enumeration fact (borrowed, NUL-terminated, valid during the callback).
 *  As ntm_fact_view_get_bool(); `*out_text` is "" when unknown. Only during the callback, on its thread. */
NTM_EXTERN(int) ntm_fact_view_get_text(const ntm_fact_view* facts, const char* id, size_t id_len, const char** out_text,
                                       size_t* out_len, int* out_known, ntm_error** out_error);
/** The assessment date (yyyymmdd). Errors: #NTM_EINVAL. Only during the callback, on its thread. */
NTM_EXTERN(int) ntm_fact_view_date(const ntm_fact_view* facts, int32_t* out_date, ntm_error** out_error);
/** The region the unit is assessed in ("" when none; borrowed). Errors: #NTM_EINVAL.
 *  Only during the callback, on its thread. */
NTM_EXTERN(int) ntm_fact_view_region(const ntm_fact_view* facts, const char** out_region, size_t* out_len,
                                     ntm_error** out_error);

/* ==== Programs, facts, assessments ========================================================= */

/** A compiled criteria set. Immutable: evaluate it from any number of threads. */
typedef struct ntm_program ntm_program;
/** One unit's facts, laid out for a program. */
typedef struct ntm_facts ntm_facts;
/** The result of evaluating one unit at a date: every rule's status and explanation. */
typedef struct ntm_assessment ntm_assessment;

/**
 * Checks and compiles a criteria set with the custom functions and evaluators of `registry`
 * (may be NULL). Every problem is listed in the error's details, each with file, line and
 * column. Errors: #NTM_EINVAL, #NTM_ERULES (expression syntax, types, units, unknown
 * identifiers or functions, a dependency cycle naming every rule in it, parameters),
 * #NTM_EFORMAT (duplicate ids), #NTM_ELIMIT. `*out` is the caller's (ntm_program_free());
 * it keeps what it needs of the set and the registry. Thread-safe.
 */
NTM_EXTERN(int) ntm_program_compile(ntm_program** out, const ntm_criteria_set* set, const ntm_registry* registry,
                                    ntm_error** out_error);
/** The id of the compiled set. Borrowed. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_program_id(const ntm_program* program, const char** out_id, ntm_error** out_error);
/** Frees a program. NULL is allowed. Facts and assessments made from it stay valid.
 *  Not while another thread uses the handle. */
NTM_EXTERN(void) ntm_program_free(ntm_program* program);

/** Creates an empty facts handle (every fact unknown) for `program`. Errors: #NTM_EINVAL.
 *  Free it with ntm_facts_free(). Thread-safe. */
NTM_EXTERN(int) ntm_facts_create(ntm_facts** out, const ntm_program* program, ntm_error** out_error);
/**
 * Loads a unit's facts file ({"facts": {"id": value, …}}) for `program`. Errors: #NTM_EINVAL,
 * #NTM_EIO, #NTM_EUTF8, #NTM_ELIMIT, #NTM_EFORMAT, #NTM_EVALUE (an ambiguous amount),
 * #NTM_ERULES (an undeclared fact, a value of the wrong type). Thread-safe.
 */
NTM_EXTERN(int) ntm_facts_load_file(ntm_facts** out, const ntm_program* program, const char* path,
                                    const ntm_load_options* options, ntm_error** out_error);
/** The same from JSON text in memory; `name` (may be NULL) names it in errors. Thread-safe. */
NTM_EXTERN(int) ntm_facts_load_memory(ntm_facts** out, const ntm_program* program, const char* json, size_t json_len,
                                      const char* name, size_t name_len, const ntm_load_options* options,
                                      ntm_error** out_error);
/** Sets fact `id` to `value` (of the fact's declared type; `known` 0 makes it unknown).
 *  On error nothing changes. Errors: #NTM_EINVAL, #NTM_EUTF8, #NTM_EVALUE (a date that does
 *  not exist), #NTM_ERULES (unknown_fact, fact_type). Not thread-safe for the same handle. */
NTM_EXTERN(int) ntm_facts_set(ntm_facts* facts, const char* id, size_t id_len, const ntm_value* value,
                              ntm_error** out_error);
/** Sets fact `id` from a JSON value as facts files write it: "\"59,58 triệu\"", "true", "3",
 *  "\"95%\"", "\"2023-12-31\"", "null" (unknown). Errors as ntm_facts_set() and #NTM_EFORMAT.
 *  Not thread-safe for the same handle. */
NTM_EXTERN(int) ntm_facts_set_json(ntm_facts* facts, const char* id, size_t id_len, const char* json, size_t json_len,
                                   ntm_error** out_error);
/** Frees a facts handle. NULL is allowed. Not while another thread uses the handle. */
NTM_EXTERN(void) ntm_facts_free(ntm_facts* facts);

/** The current version of ntm_evaluate_options. */
#define NTM_EVALUATE_OPTIONS_VERSION 1
/** How to evaluate a unit. */
typedef struct ntm_evaluate_options {
  unsigned version;    /**< #NTM_EVALUATE_OPTIONS_VERSION */
  int32_t date;        /**< assessment date, yyyymmdd; required by ntm_program_evaluate(),
                            0 in ntm_plan_evaluate() means the plan's baseline date */
  const char* region;  /**< region key for regional parameters ("dbsh"), or NULL: none (a
                            plan's own unit region in ntm_plan_evaluate()) */
  size_t region_len;   /**< bytes in `region`, or #NTM_NTS */
} ntm_evaluate_options;
/** Initialiser of ntm_evaluate_options. */
#define NTM_EVALUATE_OPTIONS_INIT {NTM_EVALUATE_OPTIONS_VERSION, 0, NULL, 0}

/**
 * Evaluates a unit's facts with full explanations. Missing facts are not errors: they make
 * rules unknown. A failing custom function or evaluator marks only its own rule as
 * #NTM_STATUS_ERROR. Errors: #NTM_EINVAL (NULL, no date, facts made for another program, an
 * options version), #NTM_EVALUE (a date that does not exist), #NTM_ERULES (unknown_region).
 * `*out` is the caller's (ntm_assessment_free()). Thread-safe (for distinct outputs).
 */
NTM_EXTERN(int) ntm_program_evaluate(ntm_assessment** out, const ntm_program* program, const ntm_facts* facts,
                                     const ntm_evaluate_options* options, ntm_error** out_error);

/** The number of rules (indicators, criteria, rules, standards) in the assessment; rules are
 *  numbered 0 … count-1 in dependency order. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_assessment_rule_count(const ntm_assessment* assessment, size_t* out_count, ntm_error** out_error);
/** The number of the rule with id `id` ("TC10", "TC10.1", "NC"). Errors: #NTM_EINVAL,
 *  #NTM_EUTF8, #NTM_ENOTFOUND. Thread-safe. */
NTM_EXTERN(int) ntm_assessment_find_rule(const ntm_assessment* assessment, const char* id, size_t id_len,
                                         size_t* out_index, ntm_error** out_error);
/** The number of the set's standard. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_assessment_standard(const ntm_assessment* assessment, size_t* out_index, ntm_error** out_error);
/** The id of rule `index`. Borrowed. Errors: #NTM_EINVAL (NULL, index out of range). Thread-safe. */
NTM_EXTERN(int) ntm_assessment_rule_id(const ntm_assessment* assessment, size_t index, const char** out_id,
                                       ntm_error** out_error);
/** What rule `index` is. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_assessment_rule_kind(const ntm_assessment* assessment, size_t index, ntm_rule_kind* out_kind,
                                         ntm_error** out_error);
/** The status of rule `index`. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_assessment_rule_status(const ntm_assessment* assessment, size_t index, ntm_rule_status* out_status,
                                           ntm_error** out_error);
/** The name of rule `index` in `lang` (an ntm_lang; "Thu nhập"). Borrowed. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_assessment_rule_name(const ntm_assessment* assessment, size_t index, int lang,
                                         const char** out_name, ntm_error** out_error);
/** Among the children of rule `index` (a criterion's indicators, a standard's criteria), how
 *  many have `status`, or how many there are when `status` is -1: the "12" and the "19" of
 *  12/19 criteria met. Errors: #NTM_EINVAL (also an unknown status). Thread-safe. */
NTM_EXTERN(int) ntm_assessment_rule_children(const ntm_assessment* assessment, size_t index, int status,
                                             size_t* out_count, ntm_error** out_error);
/** A sentence explaining rule `index` in `lang` ("Chưa đạt: Thu nhập bình quân đầu người
 *  59,58 triệu; yêu cầu ≥ 68 triệu …"). `*out_text` is the caller's (ntm_string_free());
 *  `out_len` may be NULL. Errors: #NTM_EINVAL, #NTM_ENOMEM. Thread-safe. */
NTM_EXTERN(int) ntm_assessment_rule_explain(const ntm_assessment* assessment, size_t index, int lang,
                                            char** out_text, size_t* out_len, ntm_error** out_error);
/** The whole assessment as JSON (statuses, values, checks, explanations in `lang`).
 *  `*out_json` is the caller's (ntm_string_free()); `out_len` may be NULL. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_assessment_to_json(const ntm_assessment* assessment, int lang, char** out_json, size_t* out_len,
                                       ntm_error** out_error);
/** Frees an assessment. NULL is allowed. Not while another thread uses the handle. */
NTM_EXTERN(void) ntm_assessment_free(ntm_assessment* assessment);

/* ==== Plans and their analysis ============================================================= */

/** A unit's plan: the unit, its compiled criteria set, baseline facts, roadmap, funding and
 *  responsibilities. Immutable. */
typedef struct ntm_plan ntm_plan;
/** The analysis of a plan: schedule, projection of the criteria, funding reconciliation and
 *  cash position, the document's statements checked. Immutable. */
typedef struct ntm_analysis ntm_analysis;

/** The current version of ntm_plan_options. */
#define NTM_PLAN_OPTIONS_VERSION 1
/** How to load a plan. */
typedef struct ntm_plan_options {
  unsigned version;                /**< #NTM_PLAN_OPTIONS_VERSION */
  const ntm_registry* registry;    /**< custom functions and evaluators of its criteria set, or NULL */
  ntm_load_options files;          /**< limits for every file of the plan */
} ntm_plan_options;
/** Initialiser of ntm_plan_options. */
#define NTM_PLAN_OPTIONS_INIT {NTM_PLAN_OPTIONS_VERSION, NULL, NTM_LOAD_OPTIONS_INIT}

/**
 * Loads a plan file and the files it names (criteria set, facts, roadmap, funding; relative
 * to it) and compiles its criteria set. Errors: those of every section — #NTM_EIO,
 * #NTM_EUTF8, #NTM_EFORMAT, #NTM_EVALUE, #NTM_ERULES, #NTM_ESCHEDULE, #NTM_ELEDGER,
 * #NTM_EPLAN — all problems listed in the details. `*out` is the caller's (ntm_plan_free()).
 * Thread-safe.
 */
NTM_EXTERN(int) ntm_plan_load_file(ntm_plan** out, const char* path, const ntm_plan_options* options,
                                   ntm_error** out_error);
/** The same from JSON text in memory; `name` (may be NULL) anchors the relative file names
 *  and names it in errors. Thread-safe. */
NTM_EXTERN(int) ntm_plan_load_memory(ntm_plan** out, const char* json, size_t json_len, const char* name, size_t name_len,
                                     const ntm_plan_options* options, ntm_error** out_error);
/** The rule the plan aims for ("NC"). Borrowed. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_plan_goal(const ntm_plan* plan, const char** out_goal, ntm_error** out_error);
/** The plan's compiled criteria set, as a new handle (sharing it) the caller frees with
 *  ntm_program_free(). Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_plan_program(const ntm_plan* plan, ntm_program** out, ntm_error** out_error);
/** A copy of the plan's baseline facts, for its program; free with ntm_facts_free().
 *  Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_plan_baseline(const ntm_plan* plan, ntm_facts** out, ntm_error** out_error);
/** Evaluates the plan's baseline facts (at its baseline date and in its unit's region unless
 *  `options` say otherwise). Errors and ownership as ntm_program_evaluate(). Thread-safe. */
NTM_EXTERN(int) ntm_plan_evaluate(ntm_assessment** out, const ntm_plan* plan, const ntm_evaluate_options* options,
                                  ntm_error** out_error);
/** Frees a plan. NULL is allowed. Analyses of it stay valid. Not while another thread uses the handle. */
NTM_EXTERN(void) ntm_plan_free(ntm_plan* plan);

/** The current version of ntm_analysis_options. */
#define NTM_ANALYSIS_OPTIONS_VERSION 1
/** How to analyse a plan. */
typedef struct ntm_analysis_options {
  unsigned version;  /**< #NTM_ANALYSIS_OPTIONS_VERSION */
  int32_t date;      /**< assess the baseline at this date (yyyymmdd); 0: the plan's baseline date */
  int lang;          /**< an ntm_lang: language of the explanations kept in the analysis */
} ntm_analysis_options;
/** Initialiser of ntm_analysis_options. */
#define NTM_ANALYSIS_OPTIONS_INIT {NTM_ANALYSIS_OPTIONS_VERSION, 0, NTM_LANG_VI}

/**
 * Analyses a plan: schedules its roadmap (critical path method), projects its criteria
 * through the tasks' completions, reconciles and projects its funding, checks what its
 * document states. Errors: #NTM_EINVAL, #NTM_ESCHEDULE, #NTM_ELEDGER, #NTM_EVALUE. `*out` is
 * the caller's (ntm_analysis_free()); it keeps the plan alive. Thread-safe.
 */
NTM_EXTERN(int) ntm_plan_analyze(ntm_analysis** out, const ntm_plan* plan, const ntm_analysis_options* options,
                                 ntm_error** out_error);

/** The baseline assessment of the analysis, as a new handle (ntm_assessment_free()).
 *  Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_analysis_baseline(const ntm_analysis* analysis, ntm_assessment** out, ntm_error** out_error);
/** The date from which the plan's goal is met and stays met (yyyymmdd), or 0 when it is
 *  never met under the plan. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_analysis_goal_met_on(const ntm_analysis* analysis, int32_t* out_date, ntm_error** out_error);
/** The scheduled finish of the roadmap's last task (yyyymmdd). Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_analysis_project_finish(const ntm_analysis* analysis, int32_t* out_date, ntm_error** out_error);
/** The number of critical paths (chains of critical tasks). Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_analysis_critical_path_count(const ntm_analysis* analysis, size_t* out_count, ntm_error** out_error);
/** The number of tasks on critical path `path`. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_analysis_critical_path_length(const ntm_analysis* analysis, size_t path, size_t* out_length,
                                                  ntm_error** out_error);
/** The id of task `index` (first task first) on critical path `path`. Borrowed.
 *  Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_analysis_critical_path_task(const ntm_analysis* analysis, size_t path, size_t index,
                                                const char** out_task, ntm_error** out_error);

/** The funding figures of an analysis, in đồng. */
typedef enum ntm_funding_figure {
  NTM_FUNDING_NEEDS = 0,                  /**< A: the needs (nhu cầu) */
  NTM_FUNDING_SOURCES = 1,                /**< B: all sources, conditional ones included */
  NTM_FUNDING_UNCONDITIONAL_SOURCES = 2,  /**< B without the conditional sources */
  NTM_FUNDING_GAP = 3,                    /**< A − B (positive: money missing) */
  NTM_FUNDING_IN_YEAR_GAP = 4             /**< payments due in the plan's period that its
                                               sources cannot pay in time (timing counted) */
} ntm_funding_figure;
/** A funding figure (an ntm_funding_figure) of the analysis, in đồng. Errors: #NTM_EINVAL
 *  (also an unknown figure). Thread-safe. */
NTM_EXTERN(int) ntm_analysis_funding(const ntm_analysis* analysis, int figure, int64_t* out_dong,
                                     ntm_error** out_error);
/** The number of figures the document states that differ from the computed ones (the
 *  stated B of 10,3 tỷ against the computed 10,5 tỷ). Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_analysis_discrepancy_count(const ntm_analysis* analysis, size_t* out_count, ntm_error** out_error);
/** Stated figure `index` that differs: its name ("sources.total"; borrowed), the stated and
 *  the computed amount in đồng. Any out-parameter but `out_figure` may be NULL.
 *  Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_analysis_discrepancy(const ntm_analysis* analysis, size_t index, const char** out_figure,
                                         int64_t* out_stated, int64_t* out_computed, ntm_error** out_error);
/** The number of criteria whose status the document states differently from the computed
 *  one. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_analysis_status_discrepancy_count(const ntm_analysis* analysis, size_t* out_count,
                                                      ntm_error** out_error);
/** Status discrepancy `index`: the criterion (borrowed), what the document states ("met" or
 *  "not_met"; borrowed) and the computed status. `out_stated` and `out_computed` may be
 *  NULL. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_analysis_status_discrepancy(const ntm_analysis* analysis, size_t index, const char** out_criterion,
                                                const char** out_stated, ntm_rule_status* out_computed,
                                                ntm_error** out_error);
/** The analysis as JSON: the goal and each criterion with their projected dates, the
 *  schedule's finish and critical paths, the funding figures and discrepancies, the
 *  baseline assessment in `lang`. `*out_json` is the caller's (ntm_string_free()); `out_len`
 *  may be NULL. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_analysis_to_json(const ntm_analysis* analysis, int lang, char** out_json, size_t* out_len,
                                     ntm_error** out_error);
/** Frees an analysis. NULL is allowed. Not while another thread uses the handle. */
NTM_EXTERN(void) ntm_analysis_free(ntm_analysis* analysis);

/* ==== Scenarios, sensitivity, simulation, many units ======================================= */

/** A what-if overlay on a plan (ntm.scenario/1; docs/scenarios.md): changed facts,
 *  parameters, tasks, needs and sources, and the base scenarios it extends. Immutable. */
typedef struct ntm_scenario ntm_scenario;

/** Loads a scenario file (and the scenarios it extends, relative to it). Errors: #NTM_EIO,
 *  #NTM_EUTF8, #NTM_EFORMAT, #NTM_EVALUE, each located. `*out` is the caller's
 *  (ntm_scenario_free()). Thread-safe. */
NTM_EXTERN(int) ntm_scenario_load_file(ntm_scenario** out, const char* path, const ntm_load_options* options,
                                       ntm_error** out_error);
/** The same from JSON text in memory; `name` (may be NULL) anchors the files it extends and
 *  names it in errors. Thread-safe. */
NTM_EXTERN(int) ntm_scenario_load_memory(ntm_scenario** out, const char* json, size_t json_len, const char* name,
                                         size_t name_len, const ntm_load_options* options, ntm_error** out_error);
/** The scenario's id. Borrowed. Errors: #NTM_EINVAL. Thread-safe. */
NTM_EXTERN(int) ntm_scenario_id(const ntm_scenario* scenario, const char** out_id, ntm_error** out_error);
/** Frees a scenario. NULL is allowed. Not while another thread uses the handle. */
NTM_EXTERN(void) ntm_scenario_free(ntm_scenario* scenario);

/** The plan with the scenario applied, as a new plan (analyse it with ntm_plan_analyze()).
 *  A scenario that changes parameters recompiles the criteria set, with `registry` (may be
 *  NULL) for its custom functions. All or nothing: `plan` is never changed. Errors: those of
 *  the scenario's ids (unknown fact, task, need or source, with the closest suggested) and of
 *  the changed plan; `*out` is the caller's (ntm_plan_free()). Thread-safe. */
NTM_EXTERN(int) ntm_plan_apply(ntm_plan** out, const ntm_plan* plan, const ntm_scenario* scenario,
                               const ntm_registry* registry, ntm_error** out_error);
/** Runs `count` scenarios on the plan and compares each with the baseline, as JSON
 *  (ntm.scenario-comparison/1: goal and criteria dates, funding figures and cash position, each with its
 *  change). `scenarios` may be NULL when `count` is 0. `*out_json` is the caller's
 *  (ntm_string_free()). Thread-safe. */
NTM_EXTERN(int) ntm_plan_compare(const ntm_plan* plan, const ntm_scenario* const* scenarios, size_t count,
                                 char** out_json, size_t* out_len, ntm_error** out_error);
/** The plan's sensitivity as JSON (ntm.sensitivity/1): how far each fact must move, the
 *  smallest sets of missing items that meet the goal, the slack of each task, the money that
 *  closes the cash gap. Thread-safe. */
NTM_EXTERN(int) ntm_plan_sensitivity(const ntm_plan* plan, char** out_json, size_t* out_len, ntm_error** out_error);

/** The current version of ntm_simulate_options (2 added `years`; version 1 structs are
 *  still read, with `years` 1). */
#define NTM_SIMULATE_OPTIONS_VERSION 2
/** How to run a simulation; zero fields keep the spec's values. */
typedef struct ntm_simulate_options {
  unsigned version;  /**< #NTM_SIMULATE_OPTIONS_VERSION */
  uint64_t runs;     /**< number of runs; 0: the spec's */
  uint64_t seed;     /**< seed; used when `use_seed` is non-zero */
  int use_seed;      /**< non-zero: `seed` replaces the spec's */
  unsigned threads;  /**< threads; 0: every core (the result is the same for any number) */
  int years;         /**< since version 2, ntm_program_simulate_units() only: years of growth, 1–100; 0: 1 */
} ntm_simulate_options;
/** Initialiser of ntm_simulate_options. */
#define NTM_SIMULATE_OPTIONS_INIT {NTM_SIMULATE_OPTIONS_VERSION, 0, 0, 0, 0, 0}

/** A Monte Carlo simulation of the plan under the spec (ntm.simulation-spec/1 JSON text;
 *  `name` may be NULL), as JSON (ntm.simulation/1): the probability of meeting the goal and
 *  each criterion by the target, P50/P80/P95 dates, the funding gap's distribution.
 *  Deterministic for a seed. Errors: those of the spec (located), #NTM_EINVAL (0 runs after
 *  the options). Thread-safe. */
NTM_EXTERN(int) ntm_plan_simulate(const ntm_plan* plan, const char* spec_json, size_t spec_len, const char* name,
                                  size_t name_len, const ntm_simulate_options* options, char** out_json,
                                  size_t* out_len, ntm_error** out_error);

/** Table formats for ntm_program_assess_units(). */
typedef enum ntm_table_format {
  NTM_TABLE_CSV = 0,   /**< a header of id, name, district, province and fact ids; a row per unit */
  NTM_TABLE_JSONL = 1  /**< one {"id", "name", "district", "province", "facts"} object per line */
} ntm_table_format;

/** The current version of ntm_units_options. */
#define NTM_UNITS_OPTIONS_VERSION 1
/** How to assess many units. */
typedef struct ntm_units_options {
  unsigned version;             /**< #NTM_UNITS_OPTIONS_VERSION */
  int32_t date;                 /**< assessment date (yyyymmdd); required */
  const char* region;           /**< region key for regional thresholds, or NULL */
  const char* goal;             /**< rule aimed for, or NULL: the set's standard */
  const ntm_scenario* scenario; /**< facts and parameters changed for every unit, or NULL */
  const ntm_registry* registry; /**< custom functions, when the scenario recompiles the set; or NULL */
  unsigned threads;             /**< 0: every core */
} ntm_units_options;
/** Initialiser of ntm_units_options. */
#define NTM_UNITS_OPTIONS_INIT {NTM_UNITS_OPTIONS_VERSION, 0, NULL, NULL, NULL, NULL, 0}

/** Assesses a table of units (a district's or province's communes; `format` an
 *  ntm_table_format, `name` may be NULL) against the program, in parallel, with roll-ups by
 *  district and province, as JSON (ntm.batch/1: each unit's goal status and criteria met, the
 *  counts per area). Errors: those of the table (located at its line), #NTM_EINVAL (no date, a
 *  scenario that changes tasks or funding). Thread-safe. */
NTM_EXTERN(int) ntm_program_assess_units(const ntm_program* program, const char* table, size_t table_len, int format,
                                         const char* name, size_t name_len, const ntm_units_options* options,
                                         char** out_json, size_t* out_len, ntm_error** out_error);

/** Receives the report of scenario `index` (its place in the list given to
 *  ntm_program_assess_scenarios()) as JSON (ntm.batch/1), `json_len` bytes, valid only during
 *  the call. Called in scenario order, one call at a time, possibly from a worker thread.
 *  Returns 0 to go on, or nonzero to stop the run. */
typedef int (*ntm_batch_report_cb)(void* payload, size_t index, const char* json, size_t json_len);

/** Assesses a table of units (as ntm_program_assess_units() reads it) under each of `count`
 *  scenarios, several scenarios at once (up to `options->threads`), and hands each report to
 *  `report` in scenario order: each is the JSON ntm_program_assess_units() gives for that
 *  scenario. `with_units` 0 leaves every unit's row out of the reports (only the roll-ups by
 *  district and province: for thousands of scenarios). `options->scenario` must be NULL;
 *  `options->registry` serves scenarios that recompile the set. `scenarios` may be NULL when
 *  `count` is 0. Errors: those of the table (located at its line); #NTM_EINVAL (no date, no
 *  callback, a NULL scenario, `options->scenario` set); the first failing scenario's, in list
 *  order, with its id (as ntm_program_assess_units()); #NTM_ERROR with errc 803
 *  (callback_stopped) when `report` returns nonzero, after which it is not called again.
 *  Thread-safe. */
NTM_EXTERN(int) ntm_program_assess_scenarios(const ntm_program* program, const char* table, size_t table_len, int format,
                                             const char* name, size_t name_len, const ntm_scenario* const* scenarios,
                                             size_t count, int with_units, const ntm_units_options* options,
                                             ntm_batch_report_cb report, void* payload, ntm_error** out_error);

/** Monte Carlo across a table of units (as ntm_program_assess_units() reads it): each unit's
 *  facts grow by rates drawn from the spec's "growth" (ntm.simulation-spec/1 JSON text), as
 *  JSON (ntm.units-simulation/1): each unit's probability of meeting the goal and each
 *  criterion, each area's expected units meeting the goal with P5/P50/P95. `options` as for
 *  ntm_program_assess_units() (its scenario's merges apply too); `simulate` (or NULL) changes
 *  the runs, seed and years (its threads are ignored: `options->threads` counts). A unit's
 *  draws depend on the seed, its id and the run only. Errors: those of the table and the spec
 *  (located), #NTM_EINVAL (a spec with durations or costs: a table has no roadmap or funding;
 *  years outside 1–100). Thread-safe. */
NTM_EXTERN(int) ntm_program_simulate_units(const ntm_program* program, const char* table, size_t table_len, int format,
                                           const char* name, size_t name_len, const char* spec_json, size_t spec_len,
                                           const ntm_units_options* options, const ntm_simulate_options* simulate,
                                           char** out_json, size_t* out_len, ntm_error** out_error);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* NTM_C_NTM_H_ */
