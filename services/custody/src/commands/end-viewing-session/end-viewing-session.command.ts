import { ViewingSessionActCommand } from '../viewing-sessions/viewing-session-act.command';

export class EndViewingSessionCommand extends ViewingSessionActCommand {}
