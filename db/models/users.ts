import { Schema } from 'mongoose';

export const USERS_COLLECTION = 'users';

export const ROLES = ['reviewer', 'safeguarding_officer', 'admin', 'group_creator'] as const;

/** A console account; roles are held per organization. */
export const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, maxlength: 320 },
    displayName: { type: String, maxlength: 200 },
    passwordHash: { type: String, required: true },
    memberships: {
      type: [{ _id: false, org: { type: String, required: true }, role: { type: String, enum: ROLES, required: true } }],
      default: [],
    },
    disabled: { type: Boolean, default: false },
    sessionGeneration: { type: Number, default: 0 },
  },
  { collection: USERS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
userSchema.index({ email: 1 }, { unique: true });
