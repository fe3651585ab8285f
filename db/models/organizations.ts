import { Schema } from 'mongoose';

export const ORGANIZATIONS_COLLECTION = 'organizations';

/** An organization whose policy the monitor enforces; `slug` names its rule pack too. */
export const organizationSchema = new Schema(
  {
    slug: { type: String, required: true, match: /^[a-z0-9-]{2,40}$/ },
    name: { type: String, required: true, maxlength: 200 },
    aliases: { type: [String], default: [] },
    officialWebsite: { type: String, maxlength: 2048 },
    officialAccounts: {
      type: [{ _id: false, platform: { type: String, required: true }, url: { type: String, required: true } }],
      default: [],
    },
    languages: { type: [String], default: ['fr'] },
    /** Who to call in a safeguarding case (youth protection, police, a crisis line), shown on safeguarding flags. */
    safeguardingContacts: {
      type: [
        {
          _id: false,
          name: { type: String, required: true, maxlength: 200 },
          phone: { type: String, maxlength: 50 },
          email: { type: String, maxlength: 320 },
          url: { type: String, maxlength: 2048 },
          notes: { type: String, maxlength: 1000 },
        },
      ],
      default: [],
    },
    demo: { type: Boolean, default: false },
  },
  { collection: ORGANIZATIONS_COLLECTION, timestamps: true, strict: 'throw', strictQuery: 'throw' },
);
organizationSchema.index({ slug: 1 }, { unique: true });
