import type { Control, Effect, Question } from '../../contract/index.ts';

/** Every effect a question can have, whatever the answer. */
export function allEffects(question: Question): Effect[] {
  return 'options' in question ? question.options.flatMap((o) => o.effects) : question.answeredEffects;
}

export function creditedControls(question: Question): string[] {
  return [...new Set(allEffects(question).flatMap((e) => ('control' in e ? [e.control] : [])))];
}

/**
 * The threats a question touches: those it raises directly and those mitigated by a control
 * it can credit. Coverage and the linter both count this way.
 */
export function touchedThreats(question: Question, controlsById: ReadonlyMap<string, Control>): Set<string> {
  const threats = new Set<string>();
  for (const effect of allEffects(question)) {
    // Exposures and floors name their threat; a credit reaches the threats its control mitigates.
    if ('threat' in effect) threats.add(effect.threat);
    else for (const m of controlsById.get(effect.control)?.mitigates ?? []) threats.add(m.threat);
  }
  return threats;
}
