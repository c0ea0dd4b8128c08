import { ICommand } from '@nestjs/cqrs';
import { Result } from '@custos/domain';
import { CommandHttpController, orRefuse } from '@custos/platform';

/**
 * A thin custody command controller: its handler decides a `Result` on the bus, and the
 * controller answers the value or refuses with the error (the filter takes the status from the
 * catalogue). The subclass states its endpoint and builds its command.
 */
export abstract class DecidedCommandHttpController extends CommandHttpController {
  protected async decided<R>(command: ICommand): Promise<R> {
    return orRefuse(await this.commands.execute<ICommand, Result<R>>(command));
  }
}
