import type { ChartLevel } from '../../domain/escalation/chain.ts';
import type { EscalationDirectory } from './ports.ts';
import type { DirectoryPerson } from '../staffing/ports.ts';

const personTargets = (chart: ChartLevel[]) =>
  [...chart].sort((a, b) => a.position - b.position).flatMap((l) => (l.target.kind === 'person' ? [l.target.personId] : []));

/**
 * The bureau's contacts: active bureau people named in the contact charts (doubt chart first, then incident), in
 * calling order. These get a doubt taken to the bureau and the after-hours consent requests.
 */
export async function bureauContacts(directory: EscalationDirectory, people?: Map<string, DirectoryPerson>): Promise<string[]> {
  const [known, doubt, incident] = await Promise.all([people ?? directory.people(), directory.chart('doubt'), directory.chart('incident')]);
  const ids = [...new Set([...personTargets(doubt), ...personTargets(incident)])];
  return ids.filter((id) => {
    const p = known.get(id);
    return p?.active === true && p.affiliation === 'bureau';
  });
}
