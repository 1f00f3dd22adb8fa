import { givenFemale, givenMale, surnames } from "../modules/demo/demo-people.js";
import type { Random } from "./random.js";

/** Made-up names from the demo's lists: common surnames and given names of both generations. */
const surnameList = [...surnames];

export const surnameOf = (random: Random): string => random.pick(surnameList);
export const givenNameOf = (random: Random, male: boolean): string => random.pick(male ? givenMale : givenFemale);
export const personNameOf = (random: Random, male: boolean): string => surnameOf(random) + givenNameOf(random, male);
