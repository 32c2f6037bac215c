import type { Redis } from 'ioredis';
import { AccountService } from '../accounts/account.service';
import { ApiKeyService } from '../api-keys/api-key.service';
import { AuthService } from '../auth/auth.service';
import type { Config } from '../config/config';
import { FlowService } from '../flows/flow.service';
import { UserService } from '../users/user.service';

export interface ServiceDeps {
  config: Config;
  redis: Redis;
}

/** The services resolvers and jobs call; built once per process. */
export function createServices({ config, redis }: ServiceDeps) {
  return {
    accounts: new AccountService(),
    apiKeys: new ApiKeyService(),
    auth: new AuthService(config, redis),
    flows: new FlowService(),
    users: new UserService(),
  };
}

export type Services = ReturnType<typeof createServices>;
