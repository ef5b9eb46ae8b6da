// New-user trial 15, round 2: texts written AFTER round 1's fixes (a lone scalar after prose, a web UI's copy
// lines, non-answer tags, other formats' fences and TOML tables, bracketed notes, an echo cut at its own line,
// Ruby symbol keys) to probe their edges. NOT blind: written knowing the engine's rules; reported apart from
// round 1. Rows as in cases.ts.

import type { TrialCase, TrialStatus } from '../trialRun';

const F = '```';
const R2 = 'round 2 (after the fixes)';

function c(id: string, text: string, want: unknown, status: TrialStatus | TrialStatus[], alsoOk?: unknown[], note?: string): TrialCase {
  return { id: `t15r2-${id}`, category: R2, text, want, status, ...(alsoOk ? { alsoOk } : {}), ...(note ? { note } : {}) };
}

export const TRIAL15_ROUND2: TrialCase[] = [
  c('01', `Final answer: 3.14`, 3.14, 'VALID'),
  c('02', `The user is an adult.\n\nfalse\n\nLet me know if you need more.`, false, 'VALID', undefined, 'the scalar line is not the last'),
  c('03', `Confidence:\n0.92`, 0.92, 'VALID'),
  c('04', `<answer>42</answer>`, 42, 'VALID'),
  c('05', `Answer: "Paris, France"`, 'Paris, France', 'VALID'),
  c('06', `He said:\n"No."`, null, 'FAILED', undefined, 'a quoted sentence'),
  c('07', `JSON\n{"a": 1}\nUse code with caution.\n\nIf the field is missing, the output would be:\n\nJSON\n{"a": null}\nUse code with caution.`, { a: 1 }, 'VALID', undefined, 'Gemini: a label line with no button before the other case'),
  c('08', `Here you go:\n\njson\nCopy\nEdit\n{"ids": [1, 2]}\n\nOr, as a plain array:\n\njson\nCopy\nEdit\n[1, 2]`, { ids: [1, 2] }, 'VALID'),
  c('09', `<source>\n{"x": 1}\n</source>\n\nSummary: {"count": 1}`, { count: 1 }, 'VALID'),
  c('10', `${F}ini\n[db]\nport = 5432\n${F}`, null, 'FAILED'),
  c('11', `${F}yaml\n# config\n{"a": 1}\n${F}`, { a: 1 }, 'VALID', undefined, 'JSON in a yaml fence after a comment line'),
  c('12', `[tool.poetry]\nname = "x"\n\nAs JSON:\n{"tool": {"poetry": {"name": "x"}}}`, { tool: { poetry: { name: 'x' } } }, 'VALID'),
  c('13', `Record: {"name": "Jon"} [sic]`, { name: 'Jon' }, 'VALID'),
  c('14', `{:name=>"Ada", :tags=>["x"]}`, { name: 'Ada', tags: ['x'] }, 'REPAIRED'),
  c('15', `{name: "Ada", "id" => 7}`, { name: 'Ada', id: 7 }, 'REPAIRED', undefined, 'Ruby 3.4 inspect'),
  c('16', `Input:\n{"a": [1, 2}\n\nfixed:\n{"a": [1, 2]}`, { a: [1, 2] }, 'VALID'),
  c('17', `Data:\n\n{"a": 1\n\nthe rest is missing`, { a: 1 }, 'TRUNCATED', undefined, 'cut, then lower-case prose'),
  c('18', `User: hi\nAssistant: {"a": 1}\nUser: more\nAssistant: Sure!\n{"a": 1, "b": 2}`, { a: 1, b: 2 }, 'VALID'),
  c('19', `**Answer:** \`true\``, true, 'VALID'),
  c('20', `Total: 1,234`, 1234, ['VALID', 'REPAIRED'], undefined, 'a thousands separator in a lone number'),
  c('21', `| a | b |\n|---|---|\n| 1 | 2 |\n\nSum:\n3`, 3, 'VALID'),
  c('22', `${F}toml\n[server]\nport = 8080\n${F}\n\nThe same in JSON:\n\n${F}json\n{"server": {"port": 8080}}\n${F}`, { server: { port: 8080 } }, 'VALID'),
];
