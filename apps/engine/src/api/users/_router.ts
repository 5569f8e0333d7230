import {
  CreateUserInputSchema,
  ResetPasswordInputSchema,
  SetDisabledInputSchema,
  SetRoleInputSchema,
  UserSchema,
  UserWithPasswordSchema,
} from '@weir/contract';
import { z } from 'zod';
import { generatePassword, hashPassword } from '../../auth/passwords.js';
import { changeUser } from '../../auth/user-admin.js';
import { adminProcedure, router } from '../trpc.js';

/** The password to set, and whether the caller must be shown it (because Weir made it up). */
async function passwordFor(given: string | undefined) {
  const password = given ?? generatePassword();
  return {
    passwordHash: await hashPassword(password),
    shown: given === undefined ? password : null,
  };
}

export const usersRouter = router({
  list: adminProcedure.output(z.array(UserSchema)).query(({ ctx }) => ctx.store.users.list()),
  create: adminProcedure
    .input(CreateUserInputSchema)
    .output(UserWithPasswordSchema)
    .mutation(async ({ ctx, input }) => {
      const { passwordHash, shown } = await passwordFor(input.password);
      const user = await ctx.audit.transaction((db) =>
        db.users.create({ username: input.username, role: input.role, passwordHash }),
      );
      return { user, password: shown };
    }),
  setRole: adminProcedure
    .input(SetRoleInputSchema)
    .output(UserSchema)
    .mutation(({ ctx, input }) =>
      ctx.audit.transaction((db) => changeUser(db, input.username, { role: input.role })),
    ),
  /** Disabling signs the user out everywhere; their audit history stays. */
  setDisabled: adminProcedure
    .input(SetDisabledInputSchema)
    .output(UserSchema)
    .mutation(({ ctx, input }) =>
      ctx.audit.transaction((db) => changeUser(db, input.username, { disabled: input.disabled })),
    ),
  resetPassword: adminProcedure
    .input(ResetPasswordInputSchema)
    .output(UserWithPasswordSchema)
    .mutation(async ({ ctx, input }) => {
      const { passwordHash, shown } = await passwordFor(input.password);
      const { principal } = ctx;
      // Resetting your own password keeps this session, so the new password can be read.
      const own = principal.kind === 'user' && principal.username === input.username;
      const user = await ctx.audit.transaction((db) =>
        changeUser(db, input.username, { passwordHash }, own ? principal.sessionId : undefined),
      );
      return { user, password: shown };
    }),
});
