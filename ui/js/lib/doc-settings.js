// Pure rules of the 公文设置 form (mirroring the core's checks so the message
// appears before the round trip; the core checks again).

// 漳党调令 → 漳党调令〔2026〕7号
export function numberExample(prefix, year, seq) {
  const p = String(prefix ?? '').trim() || '（前缀）';
  return `${p}〔${year}〕${seq}号`;
}

// null when the prefix is acceptable, else the message for the field.
export function checkPrefix(value, label) {
  const v = String(value ?? '').trim();
  if (!v) return `请填写${label}`;
  if ([...v].length > 12) return `${label}最多12个字`;
  const bad = [...v].find((c) => /\s/.test(c) || '〔〕[]【】()（）'.includes(c));
  if (bad) return `${label}不能含有“${bad}”：年份和序号由系统自动加上（如 漳党调令〔2026〕7号）`;
  if (/[0-9]$/.test(v) || v.endsWith('号')) return `${label}只填机关代字，如“漳党调令”，不要填年份和序号`;
  return null;
}

// Where the font a role prints with comes from, in words.
export function sourceLabel(used) {
  if (!used) return '';
  if (used.source === 'user') return '指定的文件';
  return used.substitute ? `系统字体（本机没有${used.roleLabel}，暂用其他字体）` : '系统字体';
}
