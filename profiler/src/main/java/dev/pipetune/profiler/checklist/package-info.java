/**
 * The seed's Pre-Deployment Checklist: every item either judged from rule results ({@link
 * dev.pipetune.profiler.checklist.Checklist#evaluate}) or confirmed by a person, with the confirmations kept in a
 * small JSON file ({@link dev.pipetune.profiler.checklist.ConfirmationStore}).
 */
package dev.pipetune.profiler.checklist;
