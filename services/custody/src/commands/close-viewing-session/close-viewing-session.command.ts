import { ViewingSessionActCommand } from '../viewing-sessions/viewing-session-act.command';

export class CloseViewingSessionCommand extends ViewingSessionActCommand {}
