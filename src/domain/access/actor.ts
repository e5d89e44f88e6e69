/**
 * Who does something, and through which channel (slack, teams, console, cli, webhook, system): every change names
 * its actor in the audit log. `actorId` is a person of the staff directory, or null for the system, a webhook or an
 * unnamed CLI user.
 */
export interface Actor {
  actorId: string | null;
  channel: string;
}

/** An actor known to be a person (a chat action: the sender was matched to the staff directory). */
export interface PersonActor extends Actor {
  actorId: string;
}
