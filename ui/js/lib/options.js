// Builds the choices offered in the organization forms from loaded lists.

const RETIRED_SUFFIX = '（已撤销）';

// Units a unit may hang under: not itself, not one of its own descendants
// (that would make a loop), not a branch (branches have no sub-units) and
// not retired — unless it already is the parent, so editing keeps it.
export function descendantIds(units, rootId) {
  const children = new Map();
  for (const unit of units) {
    if (unit.parentId === null || unit.parentId === undefined) continue;
    if (!children.has(unit.parentId)) children.set(unit.parentId, []);
    children.get(unit.parentId).push(unit.id);
  }
  const found = new Set();
  const stack = [...(children.get(rootId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop();
    if (found.has(id)) continue;
    found.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return found;
}

export function parentUnitOptions(units, { editingId = null, currentParentId = null } = {}) {
  const excluded = editingId === null ? new Set() : descendantIds(units, editingId);
  if (editingId !== null) excluded.add(editingId);
  return units
    .filter((unit) => !excluded.has(unit.id))
    .filter((unit) => unit.id === currentParentId || (unit.kind !== 'branch' && !unit.retired))
    .map((unit) => ({ value: String(unit.id), label: unit.retired ? unit.name + RETIRED_SUFFIX : unit.name }));
}

export function unitOptions(units, { kinds = null, keepId = null } = {}) {
  return units
    .filter((unit) => !kinds || kinds.includes(unit.kind))
    .filter((unit) => !unit.retired || unit.id === keepId)
    .map((unit) => ({ value: String(unit.id), label: unit.retired ? unit.name + RETIRED_SUFFIX : unit.name }));
}

export function personLabel(person) {
  const details = [person.unitName, person.title].filter(Boolean).join(' · ');
  return details ? `${person.name}（${details}）` : person.name;
}

export function peopleWithRole(people, role) {
  return people
    .filter((person) => !person.retired && person.roles.includes(role))
    .map((person) => ({ value: String(person.id), label: personLabel(person) }));
}

// Select values are strings; ids in the contract are whatever the core sent.
// Numeric-looking ids go back as numbers so the core gets the type it issued.
export function idFromSelect(value) {
  if (value === '' || value === null || value === undefined) return null;
  return /^\d+$/.test(value) ? Number(value) : value;
}
