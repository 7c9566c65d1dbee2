/**
 * The results of a bench run ({@link io.callisto.bench.report.RunResult} and the records it holds) and the
 * writers that present them: the live status line, the final summary table, JSON, CSV and the self-contained
 * HTML report with plots. Reports depend only on these records, never on the engine.
 */
package io.callisto.bench.report;
